/**
 * Splits CSV text into records (RFC 4180), remembering where each field starts so that the readers
 * above it can report `file:line:col` for a bad value.
 *
 * RFC 4180 as written, plus what real exports need:
 * - records end at CRLF, LF or a lone CR (each counts as one line break for line numbers);
 * - a UTF-8 byte-order mark at the start is skipped (it is not part of the first field);
 * - blank lines (nothing, or only spaces, between two line breaks) are skipped, not read as a
 *   one-field record;
 * - the last record may or may not end with a line break.
 * Still rejected, because guessing would read the wrong values: a quote inside an unquoted field,
 * anything but a comma or line break after a closing quote, a quoted field that never closes.
 *
 * Columns are 1-based UTF-16 code units from the start of the line, which is what editors show for
 * the ASCII these files hold.
 */
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

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/**
 * Calls `onRecord` for each record of `text`, in file order.
 * @param text the whole file
 * @param file path used in error messages
 * @param onRecord receives each record (a fresh object per record, the reader keeps no reference)
 * @throws FileFormatError on an unterminated quoted field, a quote inside an unquoted field, or
 *   text after a closing quote
 */
export function parseCsvRecords(text: string, file: string, onRecord: (record: CsvRecord) => void): void {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;
  let lineStart = i; // index of the current line's first character; col = i - lineStart + 1
  let fields: string[] = [];
  let lines: number[] = [];
  let cols: number[] = [];
  let firstQuoted = false;

  const endRecord = (): void => {
    const blank = fields.length === 1 && !firstQuoted && fields[0].trim() === "";
    if (!blank) onRecord({ fields, lines, cols, endLine: line, endCol: i - lineStart + 1 });
    fields = [];
    lines = [];
    cols = [];
  };

  // Each iteration reads one field starting at i, then the separator after it.
  while (i < n) {
    lines.push(line);
    cols.push(i - lineStart + 1);
    if (text.charCodeAt(i) === QUOTE) {
      if (fields.length === 0) firstQuoted = true;
      const openLine = line;
      const openCol = i - lineStart + 1;
      let value = "";
      let from = ++i;
      for (;;) {
        if (i >= n)
          throw new FileFormatError(file, 'unterminated quoted field (the closing " is missing)', openLine, openCol);
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(from, i + 1);
            i += 2;
            from = i;
            continue;
          }
          value += text.slice(from, i);
          i++;
          break;
        }
        if (c === LF || c === CR) {
          if (c === CR && text.charCodeAt(i + 1) === LF) i++;
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      fields.push(value);
      const next = i < n ? text.charCodeAt(i) : LF;
      if (next !== COMMA && next !== LF && next !== CR) {
        throw new FileFormatError(
          file,
          "unexpected text after the closing quote of a field (expected a comma or the end of the line)",
          line,
          i - lineStart + 1,
        );
      }
    } else {
      if (fields.length === 0) firstQuoted = false;
      const from = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE)
          throw new FileFormatError(
            file,
            "a quote inside an unquoted field (quote the whole field and double the quote)",
            line,
            i - lineStart + 1,
          );
        i++;
      }
      fields.push(text.slice(from, i));
    }
    // Separator: a comma starts another field; a line break (or the end) ends the record.
    if (i >= n) {
      endRecord();
      return;
    }
    const sep = text.charCodeAt(i);
    if (sep === COMMA) {
      i++;
      if (i >= n) {
        // A trailing comma at the very end: the record has one more, empty field.
        lines.push(line);
        cols.push(i - lineStart + 1);
        fields.push("");
        endRecord();
        return;
      }
      continue;
    }
    endRecord();
    i += sep === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    lineStart = i;
  }
}
