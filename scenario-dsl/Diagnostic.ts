/**
 * Compiler diagnostics: every problem with a scenario is one of these, with the place in the source
 * it is about. `formatDiagnostics` prints them the way compilers do:
 *
 * ```
 * scenarios/merge.scn:12:8: error: unknown driver "patiant"; did you mean "patient"?
 *     driver patiant
 *            ^~~~~~~
 * ```
 */
import type { Location } from "./ast.js";

/** How bad it is: errors make the compile fail, warnings do not. */
export type Severity = "error" | "warning";

/** One problem found in a scenario file. */
export interface Diagnostic {
  severity: Severity;
  /** The scenario file's path, as given to the compiler. */
  file: string;
  /** Where in the scenario file. */
  location: Location;
  /** One line, lower case, no trailing period. */
  message: string;
  /**
   * Further lines printed under the source excerpt, verbatim (e.g. the map file's own
   * `file:line:col: error: ...` when a map fails to load).
   */
  notes?: string[];
  /**
   * The text of the source line the location starts on (filled in by the compiler), so that
   * diagnostics can be printed without the source at hand.
   */
  sourceLine?: string;
}

/** Makes an error diagnostic. */
export function error(file: string, location: Location, message: string, notes?: string[]): Diagnostic {
  return notes ? { severity: "error", file, location, message, notes } : { severity: "error", file, location, message };
}

/** Makes a warning diagnostic. */
export function warning(file: string, location: Location, message: string): Diagnostic {
  return { severity: "warning", file, location, message };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Orders diagnostics by position in the file (stable for equal positions). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.location.start.offset - b.location.start.offset);
}

/**
 * Formats diagnostics as `path:line:col: severity: message`, the source line, and a caret line
 * under the range (`^` at the start, `~` to the end of the range on that line), then any notes.
 * @param sourceText the scenario text the locations refer to; without it, each diagnostic's
 *   `sourceLine` is used (the compiler fills it in)
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sourceText?: string): string {
  const lines = sourceText?.split(/\r?\n/);
  const out: string[] = [];
  for (const d of diagnostics) {
    const { line, column } = d.location.start;
    out.push(`${d.file}:${line}:${column}: ${d.severity}: ${d.message}`);
    const src = lines ? lines[line - 1] : d.sourceLine;
    if (src !== undefined) {
      out.push(src);
      const endCol = d.location.end.line === line ? d.location.end.column : src.length + 1;
      const width = Math.max(1, Math.min(endCol, src.length + 1) - column);
      // Keep tabs so the caret lines up under tab-indented source.
      const pad = src.slice(0, column - 1).replace(/[^\t]/g, " ");
      out.push(pad + "^" + "~".repeat(width - 1));
    }
    for (const note of d.notes ?? []) out.push(note);
  }
  return out.join("\n");
}

/** Sets each diagnostic's `sourceLine` from the text its locations refer to. */
export function attachSourceLines(diagnostics: Diagnostic[], sourceText: string): Diagnostic[] {
  const lines = sourceText.split(/\r?\n/);
  for (const d of diagnostics) {
    const src = lines[d.location.start.line - 1];
    if (src !== undefined) d.sourceLine = src;
  }
  return diagnostics;
}
