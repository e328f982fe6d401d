/**
 * A bad input file at a known place: malformed XML, a missing or unparsable attribute, a reference to
 * something that does not exist. Importers (SUMO networks, SUMO demand) throw it so that the CLI can
 * print the compiler-style line `file:line:col: error: message` an editor can jump to.
 */
export class FileFormatError extends Error {
  /** Path (or name) of the offending file, as the caller gave it. */
  readonly file: string;
  /** 1-based line of the offending element, when known. */
  readonly line: number | undefined;
  /** 1-based column of the offending element, when known. */
  readonly col: number | undefined;

  /**
   * @param file path of the input file
   * @param message what is wrong; names the element and its id (`edge "gneE5" lane 1: …`)
   * @param line 1-based line, when known
   * @param col 1-based column, when known
   */
  constructor(file: string, message: string, line?: number, col?: number) {
    super(message);
    this.name = new.target.name;
    this.file = file;
    this.line = line;
    this.col = col;
  }

  /** `file:line:col: error: message` (line and column left out when unknown). */
  format(): string {
    let where = this.file;
    if (this.line !== undefined) {
      where += `:${this.line}`;
      if (this.col !== undefined) where += `:${this.col}`;
    }
    return `${where}: error: ${this.message}`;
  }

  override toString(): string {
    return this.format();
  }
}
