// A CRM's integration, type-checked against the SDK's declarations (sdk.test.mjs runs tsc on
// it): what a host writes must compile, and the mistakes below must not.
import {
  AgentdeskError,
  createWidget,
  dialStringFromHref,
  PROTOCOL_VERSION,
  type AgentdeskState,
  type CallEnded,
} from "../../crates/gateway/assets/sdk/agentdesk.js";

const desk = createWidget({
  container: "#softphone",
  theme: "dark",
  accent: "#0a7f5a",
  lang: "fr",
  clickToDial: true,
});

const off = desk.on("callRinging", ({ callRef, number, name, acd }) => {
  const pilot: string | null | undefined = acd?.pilot;
  console.log(callRef, number ?? "withheld", name, pilot, acd?.queueWaitingSeconds);
});
off();
desk.on("callEnded", (call: CallEnded) => {
  const seconds: number = call.durationSeconds;
  const answered: boolean = call.answered;
  console.log(seconds, answered);
});
desk.on("agentStateChanged", ({ from, to }) => console.log(from, to));
desk.on("error", ({ code, message }) => console.warn(code, message));

async function shift(): Promise<void> {
  const ready: AgentdeskState = await desk.ready;
  const version: number = ready.version;
  console.log(version === PROTOCOL_VERSION, ready.signedIn, ready.calls.length);
  try {
    await desk.dial(dialStringFromHref("tel:+33%201%2023"));
    await desk.setPause("Lunch");
    await desk.setReady();
    await desk.answer();
    await desk.hold();
    await desk.retrieve();
    await desk.hangUp();
  } catch (error) {
    if (error instanceof AgentdeskError) console.warn(error.code, error.message);
  }
  const disable = desk.enableClickToDial(document.body);
  disable();
  desk.destroy();
}
void shift();

// ---- what must not compile ----
// @ts-expect-error: no such event
desk.on("callRung", () => {});
// @ts-expect-error: dial needs a number
void desk.dial();
// @ts-expect-error: numbers are strings (a leading + or 0 matters)
void desk.dial(33123456789);
// @ts-expect-error: a theme is light, dark or auto
createWidget({ container: "#softphone", theme: "blue" });
// @ts-expect-error: the container is required
createWidget({});
desk.on("callEnded", (call) => {
  // @ts-expect-error: callEnded carries durationSeconds, not duration
  console.log(call.duration);
});
