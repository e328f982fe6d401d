/**
 * A CSV file with a header line, read row by row with typed, located access to named columns: the
 * layer every trajectory reader (our format, NGSIM, INTERACTION) shares, so they all report a bad
 * value the same way, `file:line:col: error: column "speed": "abc" is not a number`.
 *
 * Header names match case-insensitively (NGSIM exports spell `v_length` and `v_Length`); columns may
 * come in any order; columns nobody asks for are ignored. Values are trimmed of surrounding spaces.
 * A row with more fields than the header is an error, and so is a row too short to hold a column
 * that is read.
 */
import { coordinateProblem } from "../coordinateLimit.js";
import { FileFormatError } from "../FileFormatError.js";
import { parseCsvRecords, type CsvRecord } from "./parseCsvRecords.js";

/** The columns a reader needs, by name as documented (matched case-insensitively). */
export interface CsvColumns {
  /** Columns the header must have. */
  readonly required: readonly string[];
  /** Columns read when present. */
  readonly optional?: readonly string[];
}

/** A decimal number as CSV writers print it: no hex, no `Infinity`, no empty string. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads `text` as a headed CSV table and calls `onRow` for every data row.
 * @param text the whole file
 * @param file path used in error messages
 * @param columns the columns the caller reads
 * @param onRow receives one {@link CsvRow}, reused for every row: read it inside the callback
 * @throws FileFormatError for an empty file, a required column missing from the header, a column
 *   named twice, malformed CSV, a row longer than the header; and whatever `onRow` throws
 */
export function readCsvTable(text: string, file: string, columns: CsvColumns, onRow: (row: CsvRow) => void): void {
  let row: CsvRow | undefined;
  parseCsvRecords(text, file, (record) => {
    if (row === undefined) {
      row = new CsvRow(file, record, columns);
      return;
    }
    row.setRecord(record);
    onRow(row);
  });
  if (row === undefined) {
    throw new FileFormatError(
      file,
      `empty file: expected a header line naming the columns ${columns.required.join(", ")}`,
      1,
      1,
    );
  }
}

/** One data row of a {@link readCsvTable} table: typed field access that throws located errors. */
export class CsvRow {
  /** Path used in error messages. */
  readonly file: string;
  /** Column name as the reader spells it → index of the field. */
  private readonly index = new Map<string, number>();
  /** Column name as the reader spells it → as the header spells it (for messages). */
  private readonly headerName = new Map<string, string>();
  private readonly headerFields: number;
  private record: CsvRecord;

  /** Resolves the header `header` against `columns`; throws on a missing or doubled column. */
  constructor(file: string, header: CsvRecord, columns: CsvColumns) {
    this.file = file;
    this.record = header;
    this.headerFields = header.fields.length;
    const byLower = new Map<string, number>();
    header.fields.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      const first = byLower.get(key);
      if (first === undefined) byLower.set(key, i);
      else if ([...columns.required, ...(columns.optional ?? [])].some((c) => c.toLowerCase() === key)) {
        throw new FileFormatError(
          file,
          `column "${name.trim()}" appears twice in the header (first at column ${header.cols[first]})`,
          header.lines[i],
          header.cols[i],
        );
      }
    });
    for (const name of columns.required) {
      const i = byLower.get(name.toLowerCase());
      if (i === undefined) {
        const has = header.fields.map((f) => f.trim()).join(", ");
        throw new FileFormatError(
          file,
          `missing column "${name}" (the header has: ${has})`,
          header.lines[0],
          header.cols[0],
        );
      }
      this.index.set(name, i);
      this.headerName.set(name, header.fields[i].trim());
    }
    for (const name of columns.optional ?? []) {
      const i = byLower.get(name.toLowerCase());
      if (i === undefined) continue;
      this.index.set(name, i);
      this.headerName.set(name, header.fields[i].trim());
    }
  }

  /** Moves to the next data row; throws if it has more fields than the header. */
  setRecord(record: CsvRecord): void {
    this.record = record;
    const n = record.fields.length;
    if (n > this.headerFields) {
      throw new FileFormatError(
        this.file,
        `the row has ${n} fields but the header ${this.headerFields}`,
        record.lines[this.headerFields],
        record.cols[this.headerFields],
      );
    }
  }

  /** 1-based line where the row starts. */
  get line(): number {
    return this.record.lines[0];
  }

  /** Whether the header has column `name` (always true for required columns). */
  has(name: string): boolean {
    return this.index.has(name);
  }

  /** 1-based line of column `name`'s field in this row. */
  lineOf(name: string): number {
    const i = this.fieldIndex(name);
    return i < this.record.fields.length ? this.record.lines[i] : this.record.endLine;
  }

  /** 1-based column of the first character of column `name`'s field in this row. */
  colOf(name: string): number {
    const i = this.fieldIndex(name);
    return i < this.record.fields.length ? this.record.cols[i] : this.record.endCol;
  }

  /** The trimmed text of column `name`; throws when the row is too short to have it. */
  text(name: string): string {
    const i = this.fieldIndex(name);
    if (i >= this.record.fields.length) {
      this.fail(name, `missing (the row has ${this.record.fields.length} fields, the header ${this.headerFields})`);
    }
    return this.record.fields[i].trim();
  }

  /** The finite number in column `name`; throws a located error otherwise. */
  number(name: string): number {
    const s = this.text(name);
    if (!DECIMAL.test(s)) this.fail(name, `"${s}" is not a number`);
    const x = Number(s);
    if (!Number.isFinite(x)) this.fail(name, `"${s}" is out of range`);
    return x;
  }

  /** The coordinate or length (m) in column `name`, within ±1e8 m (spec/coordinateLimit.ts); `scale` converts the file's unit to metres. */
  coordinate(name: string, scale = 1): number {
    const m = this.number(name) * scale;
    if (coordinateProblem(m))
      this.fail(name, `"${this.text(name)}" is beyond ±1e8 m, the largest coordinate a recording may hold`);
    return m;
  }

  /** The whole number in column `name` (`12`, `12.0`, `1.2e3`); throws a located error otherwise. */
  integer(name: string): number {
    const x = this.number(name);
    if (!Number.isSafeInteger(x)) this.fail(name, `"${this.text(name)}" is not a whole number`);
    return x;
  }

  /** Like {@link number}, but undefined when the column is absent or the field empty. */
  optionalNumber(name: string): number | undefined {
    if (!this.has(name) || this.text(name) === "") return undefined;
    return this.number(name);
  }

  /**
   * Throws a {@link FileFormatError} at column `name`'s field of this row:
   * `file:line:col: error: column "<header spelling>": <message>`.
   */
  fail(name: string, message: string): never {
    throw new FileFormatError(
      this.file,
      `column "${this.headerName.get(name) ?? name}": ${message}`,
      this.lineOf(name),
      this.colOf(name),
    );
  }

  private fieldIndex(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`CsvRow: column "${name}" was not requested or is absent from ${this.file}`);
    return i;
  }
}
