/** What the "Add to handbook" modal carries from the shortcut to its submission. */
export interface CaptureMetadata {
  /** The channel and ts of the message the shortcut was used on (the answer). */
  channel: string;
  messageTs: string;
  askedBy?: string;
  answeredBy?: string;
}

export function encodeCaptureMetadata(metadata: CaptureMetadata): string {
  return JSON.stringify(metadata);
}

/** The metadata back from a view's `private_metadata`, or undefined when it is not ours. */
export function decodeCaptureMetadata(text: unknown): CaptureMetadata | undefined {
  if (typeof text !== "string" || text === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { channel, messageTs, askedBy, answeredBy } = value as Record<string, unknown>;
  if (typeof channel !== "string" || typeof messageTs !== "string") return undefined;
  return {
    channel,
    messageTs,
    ...(typeof askedBy === "string" && { askedBy }),
    ...(typeof answeredBy === "string" && { answeredBy }),
  };
}
