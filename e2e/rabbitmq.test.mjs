// The connector through a real broker: RabbitMQ from Debian with its STOMP and web-STOMP
// plugins, started by scripts/test.sh (scripts/rabbitmq.sh), which passes its ports here. The
// gateway's simulated connector joins it as a STOMP client over TCP (`--broker`), and
// @stomp/stompjs talks to RabbitMQ's web-STOMP endpoint with nothing of ours between.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startGateway } from "./harness.mjs";
import { connect, shift, LOGIN, PASSWORD } from "./stomp-client.mjs";

const STOMP_PORT = process.env.RABBITMQ_STOMP_PORT;
const WEB_STOMP_PORT = process.env.RABBITMQ_WEB_STOMP_PORT;
const skip = !(STOMP_PORT && WEB_STOMP_PORT) && "no RabbitMQ started (scripts/rabbitmq.sh)";

let gateway;

before(async () => {
  if (skip) return;
  gateway = await startGateway([
    "--calls-per-minute", "0",
    "--broker", `stomp://agentdesk:connector@127.0.0.1:${STOMP_PORT}`,
  ]);
});

after(() => gateway?.stop());

const broker = () => `ws://127.0.0.1:${WEB_STOMP_PORT}/ws`;

test("stompjs logs an agent in through RabbitMQ's web-STOMP, the connector answering from the broker", { skip }, async () => {
  // The connector subscribes to the command queue once it joined: the first commands may
  // wait in the queue, which is what a queue is for.
  const agent = await connect(broker(), LOGIN, PASSWORD);
  try {
    assert.match(agent.frame.headers.server ?? "", /RabbitMQ/);
    await shift(agent);
  } finally {
    await agent.client.deactivate();
  }
});

test("RabbitMQ refuses a demo user's wrong password", { skip }, async () => {
  await assert.rejects(connect(broker(), LOGIN, "0000"));
});
