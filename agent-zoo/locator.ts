/**
 * Zoo locators: `<name>@v<version>` names a registered entry; `file:<path>` a policy on disk (a
 * trained tfjs policy directory), the path relative to the scenario's folder.
 */

/** A parsed locator. */
export type Locator = { kind: "entry"; name: string; version: number } | { kind: "file"; path: string };

const ENTRY = /^([a-z0-9][a-z0-9_.-]*)@v([0-9]+)$/;

/** Parses `text`; throws with the expected forms when it is neither. */
export function parseLocator(text: string): Locator {
  const m = ENTRY.exec(text);
  if (m) return { kind: "entry", name: m[1], version: Number(m[2]) };
  if (text.startsWith("file:") && text.length > 5) return { kind: "file", path: text.slice(5) };
  throw new Error(`bad zoo locator "${text}": write "<name>@v<version>" (e.g. "keep-lane@v0") or "file:<path>"`);
}

/** The locator text of entry `name` version `version`. */
export function entryLocator(name: string, version: number): string {
  return `${name}@v${version}`;
}
