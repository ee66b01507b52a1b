// A @stomp/stompjs client (over the `ws` WebSocket) of the connector, shared by the tests of
// the built-in endpoint (stomp.test.mjs) and of a real broker (rabbitmq.test.mjs).
import assert from "node:assert/strict";
import { Client } from "@stomp/stompjs";
import WebSocket from "ws";

const STEP = 10_000;

export const LOGIN = "oxe70120";
export const PASSWORD = "0120";
export const EXTENSION = "70120";

/** A connected stompjs client of `url` as `login`, and the events of its topic as they come. */
export async function connect(url, login, password) {
  const events = [];
  const waiters = [];
  const client = new Client({
    webSocketFactory: () => new WebSocket(url, ["v12.stomp", "v11.stomp"]),
    connectHeaders: { login, passcode: password, host: "/" },
    heartbeatIncoming: 10_000,
    heartbeatOutgoing: 10_000,
    reconnectDelay: 0,
  });
  const connected = new Promise((resolve, reject) => {
    client.onConnect = (frame) => resolve(frame);
    client.onStompError = (frame) => reject(new Error(`ERROR ${frame.headers.message}: ${frame.body}`));
    client.onWebSocketError = () => reject(new Error("the WebSocket failed"));
  });
  client.activate();
  let frame;
  try {
    frame = await connected;
  } catch (error) {
    await client.deactivate();
    throw error;
  }
  client.subscribe(`/topic/connector.event.${login}`, (message) => {
    events.push(message.body);
    for (const waiter of [...waiters]) waiter();
  });
  /** The first event (from now on or already received) whose text matches `pattern`. */
  const next = (pattern) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no event matching ${pattern} in ${STEP} ms; got:\n${events.join("\n")}`)), STEP);
      const check = () => {
        const index = events.findIndex((e) => pattern.test(e));
        if (index >= 0) {
          const [event] = events.splice(index, 1);
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve(event.split("#"));
        }
      };
      waiters.push(check);
      check();
    });
  const send = (command, body = "") =>
    new Promise((resolve) => {
      const receipt = `r-${Math.random().toString(36).slice(2)}`;
      client.watchForReceipt(receipt, resolve);
      client.publish({
        destination: "/queue/connector.command",
        headers: { type: `${command}#${login}`, receipt },
        body,
      });
    });
  return { client, frame, next, send };
}

/** Connect, Login (NOT_READY, -1), MakeReady (READY, empty code), an unknown command (its
 * GENERAL_ERROR), GetState, Logout: what any client of the connector can do. */
export async function shift(agent) {
  await agent.send("Connect", `${LOGIN},${PASSWORD}`);
  const info = await agent.next(/#AgentInfo#/);
  assert.deepEqual(info.slice(0, 4), [LOGIN, "AgentInfo", "Alice", "Martin"]);

  await agent.send("Login", `${PASSWORD},${EXTENSION}`);
  const loggedIn = await agent.next(/#State#/);
  assert.equal(loggedIn[2], "NOT_READY");
  assert.equal(loggedIn[3], "-1", "the first NOT_READY has reason code -1");
  assert.equal(loggedIn[9], EXTENSION);

  await agent.send("MakeReady");
  const ready = await agent.next(/#State#READY#/);
  assert.equal(ready[3], "", "READY has an empty reason code");
  assert.equal(ready[8], LOGIN);

  // Bad input: the connector's error on the agent's topic, and the session goes on.
  await agent.send("NoSuchCommand", "x");
  const error = await agent.next(/#Error#/);
  assert.equal(error[2], "GENERAL_ERROR");
  await agent.send("GetState");
  assert.equal((await agent.next(/#State#/))[2], "READY");
  await agent.send("Logout");
  assert.equal((await agent.next(/#State#/))[2], "LOGOUT");
}
