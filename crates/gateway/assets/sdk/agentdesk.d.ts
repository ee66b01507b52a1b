// Types of the agentdesk host SDK (/sdk/agentdesk.js). The protocol is docs/embed.md.

/** The embed protocol version this SDK speaks. */
export const PROTOCOL_VERSION: 1;
/** This SDK's version, sent in the `hello`. */
export const SDK_VERSION: "1.0.0";

export interface AgentdeskOptions {
  /** The element to put the iframe in, or a CSS selector matching it. */
  container: Element | string;
  /** Any URL on the widget's origin (absolute, or relative to the host page); only its origin is used.
   * Default: the origin the SDK was loaded from. */
  widgetUrl?: string;
  theme?: "light" | "dark" | "auto";
  /** A CSS hex colour, `#` optional: `"#0a7f5a"`, `"07f"`. */
  accent?: string;
  lang?: "en" | "fr";
  /** `true`: tel:/callto: links anywhere in the document dial through the widget; `{root}`: only inside root. */
  clickToDial?: boolean | { root?: Element | Document | string };
  /** CSS size of the iframe (a number is pixels). Default `"100%"`. */
  width?: string | number;
  /** CSS size of the iframe (a number is pixels). Default `"100%"`. */
  height?: string | number;
  /** The iframe's accessible title. Default `"agentdesk softphone"`. */
  title?: string;
  /** How long the handshake (up to the `ready` event) may take. Default 15000. */
  handshakeTimeoutMs?: number;
  /** Interval between `hello`s until the widget answers. Default 250. */
  retryMs?: number;
  /** How long a command waits for its result before rejecting with `timeout`. Default 30000. */
  commandTimeoutMs?: number;
}

export type AgentState =
  | "loggedOut" | "ready" | "paused" | "withdrawn" | "wrapUp" | "busy" | "outOfGroup" | "unknown";

export interface CallSummary {
  callRef: string;
  /** The call's state as the widget names it. */
  state: string;
  /** The call's direction as the widget names it. */
  direction: string;
  number: string | null;
  name: string | null;
}

/** The `ready` event's data, and what `getState()` resolves with. */
export interface AgentdeskState {
  /** The protocol version in use. */
  version: number;
  signedIn: boolean;
  login: string | null;
  agentState: AgentState;
  calls: CallSummary[];
}

export interface SessionChanged {
  signedIn: boolean;
  login: string | null;
}

export interface AgentStateChanged {
  from: AgentState;
  to: AgentState;
}

export interface AcdInfo {
  pilot: string | null;
  agentGroup: string | null;
  queueWaitingSeconds: number | null;
  globalWaitingSeconds: number | null;
}

export interface CallParty {
  callRef: string;
  /** `null` when not presented. */
  number: string | null;
  /** `null` when not presented. */
  name: string | null;
}

export interface CallRinging extends CallParty {
  /** `null` for a call that did not come through a pilot. */
  acd: AcdInfo | null;
}

export type CallDialing = CallParty;
export type CallAnswered = CallParty;

export interface CallEnded extends CallParty {
  answered: boolean;
  /** Talk time; 0 if never answered. */
  durationSeconds: number;
  /** The gateway's cause in camelCase, or `null`. */
  cause: string | null;
}

/** The after-call work the agent saved for a call (docs/embed.md). */
export interface AfterCallWork extends CallParty {
  /** The outcome given: the contact centre's code (O2G: a transaction code) and its label. */
  disposition: { code: string; label: string } | null;
  /** The agent's notes, possibly empty. */
  notes: string;
}

/** The contact centre's screen pop of a caller (XuC's `Sheet`). */
export interface ScreenPop {
  /** The call it is for, or `null`. */
  callRef: string | null;
  /** The page to open (`http:` or `https:` only), or `null`. */
  url: string | null;
  /** The fields, in the contact centre's order. */
  fields: { name: string; value: string }[];
}

export type AgentdeskErrorCode =
  // command results (docs/embed.md)
  | "badMessage" | "unknownCommand" | "unsupportedVersion" | "notSignedIn" | "refused"
  | "unknownReason" | "gatewayRejected" | "unreachable"
  // error events raised by the widget
  | "sessionLost" | "connectionLost"
  // raised by the SDK
  | "handshakeTimeout" | "rejected" | "timeout" | "destroyed" | "unknown"
  // forward compatibility: codes a newer widget may add
  | (string & {});

export interface ErrorData {
  code: AgentdeskErrorCode;
  message: string;
}

/** Event names and the data their listeners receive. */
export interface AgentdeskEvents {
  /** After each handshake, with the widget's current state. */
  ready: AgentdeskState;
  sessionChanged: SessionChanged;
  agentStateChanged: AgentStateChanged;
  callRinging: CallRinging;
  callDialing: CallDialing;
  callAnswered: CallAnswered;
  callEnded: CallEnded;
  afterCallWork: AfterCallWork;
  screenPop: ScreenPop;
  /** What no command waits on: `sessionLost`, `connectionLost`, `handshakeTimeout`, `rejected`,
   * and the failure of a click-to-dial dial. */
  error: ErrorData;
}

export type AgentdeskEventName = keyof AgentdeskEvents;

/** A failed command or handshake. */
export class AgentdeskError extends Error {
  constructor(code: AgentdeskErrorCode, message?: string);
  readonly name: "AgentdeskError";
  code: AgentdeskErrorCode;
}

export interface Agentdesk {
  /** Resolves with the first `ready` event's data; rejects with an AgentdeskError
   * (`handshakeTimeout`, `rejected`, `destroyed`). */
  readonly ready: Promise<AgentdeskState>;
  /** The widget's iframe. */
  readonly iframe: HTMLIFrameElement;
  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof AgentdeskEvents>(name: K, fn: (data: AgentdeskEvents[K]) => void): () => void;
  off<K extends keyof AgentdeskEvents>(name: K, fn: (data: AgentdeskEvents[K]) => void): void;

  // Commands settle with the widget's result: `ok` resolves (gateway accepted the request; what
  // happens next arrives as events), otherwise rejects with an AgentdeskError. Commands issued
  // before the handshake wait for it.
  dial(number: string): Promise<void>;
  /** That call, or the first ringing call. */
  answer(callRef?: string): Promise<void>;
  /** That call, or the active call, or the only call. */
  hangUp(callRef?: string): Promise<void>;
  /** That call, or the active call. */
  hold(callRef?: string): Promise<void>;
  /** That call, or the held call. */
  retrieve(callRef?: string): Promise<void>;
  setReady(): Promise<void>;
  /** No reason: pause. A reason: withdraw with it (a label, case-insensitive, or a 1-based index like `"2"`). */
  setPause(reason?: string): Promise<void>;
  getState(): Promise<AgentdeskState>;

  /** tel:/callto: links inside root (default: the document) dial through the widget; returns a function that stops it. */
  enableClickToDial(root?: Element | Document | string): () => void;
  /** Removes the iframe and every listener, closes the channel, rejects pending commands with `destroyed`. */
  destroy(): void;
}

export function createWidget(options: AgentdeskOptions): Agentdesk;

/** The dial string of a tel:/callto: href (`tel:+33%201%2023` → `"+33123"`), `""` when nothing is dialable. */
export function dialStringFromHref(href: string): string;
