/**
 * Parses scenario text into its AST, turning peggy's syntax errors into readable diagnostics.
 *
 * Several syntax errors are reported at once by statement-level recovery: a second parse with
 * `recover` turns each bad block item into an `error` node (the rest of its line); the bad item
 * holding the latest error is then blanked out (spaces, so positions stay) and the strict parse
 * rerun, which yields the next error with peggy's own expectation list — up to {@link MAX_SYNTAX_ERRORS}.
 */
import type { ErrorNode, ItemNode, Location, ScenarioNode } from "./ast.js";
import { error, type Diagnostic } from "./Diagnostic.js";
import {
  parse,
  PeggySyntaxErrorClass,
  type PeggyExpectation,
  type PeggySyntaxError as PeggyError,
} from "./generated/parser.js";
import { closest } from "./suggest.js";

/** At most this many syntax errors are reported for one file. */
export const MAX_SYNTAX_ERRORS = 20;

/** The AST, or the syntax errors. */
export type ParseResult = { ok: true; ast: ScenarioNode } | { ok: false; diagnostics: Diagnostic[] };

/** Parses `text` (the contents of `file`). Never throws for bad input. */
export function parseScenario(text: string, file: string): ParseResult {
  const first = tryParse(text);
  if (first.ok) return first;

  const diagnostics = [syntaxDiagnostic(first.error, text, file)];
  let errorNodes: ErrorNode[];
  try {
    errorNodes = collectErrorNodes(parse(text, { recover: true }));
  } catch {
    return { ok: false, diagnostics }; // not recoverable item by item (e.g. unbalanced braces)
  }
  const blanked = new Set<ErrorNode>();
  let current = text;
  let err = first.error;
  while (diagnostics.length < MAX_SYNTAX_ERRORS) {
    const at = err.location.start.offset;
    let node: ErrorNode | undefined;
    for (const n of errorNodes) if (n.loc.start.offset <= at) node = n;
    if (!node || blanked.has(node)) break;
    blanked.add(node);
    current = blank(current, node.loc);
    const next = tryParse(current);
    if (next.ok) break;
    err = next.error;
    if (err.location.start.offset <= at) break; // no progress
    diagnostics.push(syntaxDiagnostic(err, text, file));
  }
  return { ok: false, diagnostics };
}

function tryParse(text: string): { ok: true; ast: ScenarioNode } | { ok: false; error: PeggyError } {
  try {
    return { ok: true, ast: parse(text) };
  } catch (e) {
    if (e instanceof PeggySyntaxErrorClass) return { ok: false, error: e };
    throw e;
  }
}

/** Error nodes of a recovered tree, in source order. */
function collectErrorNodes(root: ScenarioNode): ErrorNode[] {
  const out: ErrorNode[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
    } else if (value !== null && typeof value === "object") {
      const node = value as ItemNode;
      if (node.type === "error") out.push(node);
      else for (const v of Object.values(value)) if (v !== null && typeof v === "object") visit(v);
    }
  };
  visit(root);
  return out.sort((a, b) => a.loc.start.offset - b.loc.start.offset);
}

/** Replaces a range with spaces, keeping line breaks, so every other position stays the same. */
function blank(text: string, loc: Location): string {
  const mid = text.slice(loc.start.offset, loc.end.offset).replace(/[^\n\r]/g, " ");
  return text.slice(0, loc.start.offset) + mid + text.slice(loc.end.offset);
}

/** Token at `offset` for messages: a word, a quoted string, or one character; null at the end. */
function tokenAt(text: string, offset: number): string | null {
  if (offset >= text.length) return null;
  const word = /^[A-Za-z0-9_.#]+(?:-(?!>)[A-Za-z0-9_.#]*)*/.exec(text.slice(offset, offset + 200));
  if (word) return word[0];
  const str = /^"[^"\n]*"?/.exec(text.slice(offset, offset + 200));
  if (str) return str[0];
  if (text.startsWith("->", offset)) return "->";
  return text[offset];
}

function describe(e: PeggyExpectation): string | undefined {
  switch (e.type) {
    case "literal":
      return `"${e.text}"`;
    case "end":
      return "end of file";
    case "other":
      return e.description === "whitespace" ? undefined : e.description;
    case "class":
      return undefined; // only inside named rules, which report their name instead
    default:
      return undefined;
  }
}

/** Turns peggy's error into `unexpected "x"; expected one of …` at the offending token. */
function syntaxDiagnostic(err: PeggyError, text: string, file: string): Diagnostic {
  const start = err.location.start;
  const token = tokenAt(text, start.offset);
  const expected = [...new Set((err.expected ?? []).map(describe).filter((d): d is string => d !== undefined))].sort(
    (a, b) => Number(a.startsWith('"')) - Number(b.startsWith('"')) || a.localeCompare(b),
  );
  let message =
    token === null
      ? "unexpected end of file"
      : token === "\n" || token === "\r"
        ? "unexpected end of line"
        : `unexpected "${token}"`;
  if (expected.length > 0) message += `; expected ${list(expected)}`;
  if (token !== null && /^[A-Za-z_]/.test(token)) {
    const literals = expected.filter((d) => d.startsWith('"')).map((d) => d.slice(1, -1));
    const near = closest(token, literals);
    if (near !== undefined && near !== token) message += `; did you mean "${near}"?`;
  }
  const length = token === null || token === "\n" || token === "\r" ? 0 : token.length;
  const end = { offset: start.offset + length, line: start.line, column: start.column + length };
  return error(file, { start: { ...start }, end }, message);
}

function list(items: string[]): string {
  if (items.length === 1) return items[0];
  if (items.length > 1 && items.length <= 3) return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
  return `one of ${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
