// Placeholder: the host SDK (docs/embed.md) replaces this file.
export function createWidget() {
  throw new Error("agentdesk SDK placeholder");
}
