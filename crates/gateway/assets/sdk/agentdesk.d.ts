// Placeholder: the host SDK's types (docs/embed.md) replace this file.
export declare function createWidget(options: object): never;
