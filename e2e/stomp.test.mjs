// An independent STOMP client (@stomp/stompjs, over the `ws` WebSocket) against the gateway's
// built-in connector endpoint, ws://<gateway>/stomp, as the README tells any STOMP client to
// connect: a demo user's login and password in CONNECT, its events on
// /topic/connector.event.<login>, commands SENT to /queue/connector.command with the JMS type
// in the `type` header. So our STOMP codec is not only tested against itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startGateway } from "./harness.mjs";
import { connect, shift, LOGIN, PASSWORD } from "./stomp-client.mjs";

let gateway;

before(async () => {
  gateway = await startGateway(["--calls-per-minute", "0"]);
});

after(() => gateway?.stop());

const endpoint = () => `${gateway.url.replace(/^http/, "ws")}/stomp`;

test("stompjs logs an agent in through the built-in endpoint, goes ready and receives the State event", async () => {
  const agent = await connect(endpoint(), LOGIN, PASSWORD);
  assert.equal(agent.frame.headers.version, "1.2");
  try {
    await shift(agent);
  } finally {
    await agent.client.deactivate();
  }
});

test("the endpoint refuses a wrong passcode with a STOMP ERROR", async () => {
  await assert.rejects(connect(endpoint(), LOGIN, "0000"), /access refused/);
});
