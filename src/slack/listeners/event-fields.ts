/**
 * Events are typed by Bolt, but their bytes come from the network: a field can be missing or of
 * another type. A listener checks the fields it uses first and ignores, with a warning, an event
 * that does not have them, instead of throwing half-way or answering nonsense.
 */
export function fieldProblem(
  event: object,
  required: readonly string[],
  optional: readonly string[] = [],
): string | undefined {
  const fields = event as Record<string, unknown>;
  for (const name of required) {
    const value = fields[name];
    if (value === undefined || value === null || value === "") return `no ${name}`;
    if (typeof value !== "string") return `${name} is not a string`;
  }
  for (const name of optional) {
    const value = fields[name];
    if (value !== undefined && typeof value !== "string") return `${name} is not a string`;
  }
  return undefined;
}
