/**
 * Splits CSV text into records (RFC 4180) with Papa Parse, remembering where each field starts so
 * that the readers above it can report `file:line:col` for a bad value.
 *
 * RFC 4180, plus what real exports need:
 * - records end at CRLF, LF or a lone CR, mixed in one file (each counts as one line break for line
 *   numbers; a line break inside a quoted field reads as `\n`);
 * - a UTF-8 byte-order mark at the start is skipped (it is not part of the first field);
 * - blank lines (nothing, or only spaces, between two line breaks) are skipped, not read as a
 *   one-field record;
 * - the last record may or may not end with a line break.
 * Still rejected, because guessing would read the wrong values: a quote inside an unquoted field,
 * anything but a comma or line break after a closing quote, a quoted field that never closes —
 * located at the offending quote, the text after the closing quote, and the opening quote.
 *
 * Papa Parse reads leniently (a stray quote becomes part of a value) and reports where each record
 * ends. So each record is checked against the text: from where it starts, the text must be the
 * record's values written back — unquoted, or quoted with their quotes doubled (whichever the text
 * has) — joined by commas. That check gives each field's position, and the first place it fails is
 * where the record is malformed.
 *
 * Columns are 1-based UTF-16 code units from the start of the line, which is what editors show for
 * the ASCII these files hold.
 */
import Papa from "papaparse";
import { FileFormatError } from "../FileFormatError.js";

/** One record: its fields (quotes removed, `""` unescaped) and where each starts. */
export interface CsvRecord {
  /** Field values, in file order. */
  readonly fields: string[];
  /** 1-based line of each field's first character (the opening quote of a quoted field). */
  readonly lines: number[];
  /** 1-based column of each field's first character. */
  readonly cols: number[];
  /** 1-based line just past the record's last character (where a missing field would go). */
  readonly endLine: number;
  /** 1-based column just past the record's last character. */
  readonly endCol: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;

/**
 * Calls `onRecord` for each record of `text`, in file order.
 * @param text the whole file
 * @param file path used in error messages
 * @param onRecord receives each record (a fresh object per record, the reader keeps no reference)
 * @throws FileFormatError on an unterminated quoted field, a quote inside an unquoted field, or
 *   text after a closing quote
 */
export function parseCsvRecords(text: string, file: string, onRecord: (record: CsvRecord) => void): void {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // One kind of line break: Papa Parse takes one, and exports mix them.
  if (body.includes("\r")) body = body.replace(/\r\n?/g, "\n");
  const n = body.length;
  let start = 0; // where the current record starts in `body`
  let line = 1; // its line
  Papa.parse<string[]>(body, {
    delimiter: ",",
    newline: "\n",
    quoteChar: '"',
    escapeChar: '"',
    step: (result) => {
      const fields = result.data;
      const end = result.meta.cursor;
      if (start >= n) return; // the empty record Papa Parse reads after a final line break
      const unterminated = result.errors.some((e) => e.code === "MissingQuotes");
      const record = locate(body, file, fields, start, line, unterminated);
      const blank = fields.length === 1 && body.charCodeAt(start) !== QUOTE && fields[0].trim() === "";
      if (!blank) onRecord(record);
      line = record.endLine + 1;
      start = end;
    },
  });
}

/**
 * Where the fields of a record starting at `start` (line `line`) are, checking that the text is
 * exactly their CSV form; throws a located error at the first place it is not.
 */
function locate(
  text: string,
  file: string,
  fields: string[],
  start: number,
  startLine: number,
  unterminated: boolean,
): CsvRecord {
  let pos = start;
  let line = startLine;
  let lineStart = start;
  const lines: number[] = [];
  const cols: number[] = [];
  const fail = (at: number, message: string): never => {
    const breaks = countBreaks(text, pos, at);
    const from = breaks > 0 ? text.lastIndexOf("\n", at - 1) + 1 : lineStart;
    throw new FileFormatError(file, message, line + breaks, at - from + 1);
  };
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) pos++; // the comma, checked after the field before
    lines.push(line);
    cols.push(pos - lineStart + 1);
    const value = fields[i];
    let raw: string;
    if (text.charCodeAt(pos) === QUOTE) {
      raw = `"${value.replaceAll('"', '""')}"`;
      if (!text.startsWith(raw, pos)) {
        if (unterminated && !hasClosingQuote(text, pos))
          fail(pos, 'unterminated quoted field (the closing " is missing)');
        fail(afterClosingQuote(text, pos), AFTER_QUOTE);
      }
    } else {
      const quote = value.indexOf('"');
      if (quote >= 0)
        fail(pos + quote, "a quote inside an unquoted field (quote the whole field and double the quote)");
      raw = value;
    }
    const breaks = countBreaks(raw, 0, raw.length);
    if (breaks > 0) {
      line += breaks;
      lineStart = pos + raw.lastIndexOf("\n") + 1;
    }
    pos += raw.length;
    const next = pos < text.length ? text.charCodeAt(pos) : LF;
    if (next !== LF && (next !== COMMA || i === fields.length - 1)) fail(pos, AFTER_QUOTE);
  }
  return { fields, lines, cols, endLine: line, endCol: pos - lineStart + 1 };
}

const AFTER_QUOTE = "unexpected text after the closing quote of a field (expected a comma or the end of the line)";

/** Whether the quoted field opening at `open` closes. */
function hasClosingQuote(text: string, open: number): boolean {
  return afterClosingQuote(text, open) <= text.length;
}

/** The index just past the closing quote of the quoted field opening at `open` (past the end if none). */
function afterClosingQuote(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  while (q >= 0 && text.charCodeAt(q + 1) === QUOTE) q = text.indexOf('"', q + 2);
  return q < 0 ? text.length + 1 : q + 1;
}

function countBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf("\n", from); i >= 0 && i < to; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
