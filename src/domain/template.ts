/**
 * Fills `{name}` placeholders in one pass. Values are inserted literally: a `$'` or `{x}` in a
 * value is never expanded (unlike `String.replace` with a string replacement).
 */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);
}
