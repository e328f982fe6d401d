/**
 * The XML layer shared by the SUMO importers (networks and demand): a streaming `saxes` parse that
 * hands each start tag, with its attributes and the line/column where it began, to a visitor, and
 * turns malformed XML into a {@link FileFormatError} at the parser's position. Attribute accessors on
 * {@link XmlElement} throw errors that name the element and its id.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { coordinateProblem } from "../../../spec/coordinateLimit.js";
import { FileFormatError } from "../../../spec/FileFormatError.js";

/** Builds the error an importer throws (lets the network importer throw its own subclass). */
export type FileErrorFactory = (file: string, message: string, line?: number, col?: number) => FileFormatError;

/** What {@link walkSumoXml} calls for each element. */
export interface XmlVisitor {
  /** A start tag (also for self-closing elements); `el.depth` is 0 for the root. */
  open(el: XmlElement): void;
  /** The matching end tag (also for self-closing elements). */
  close(name: string): void;
}

/** One start tag: its name, its attributes, where it began, and typed attribute readers. */
export class XmlElement {
  /**
   * How errors about this element name it; defaults to `name "id"` (or `<name>` without an id).
   * Importers may overwrite it with more context (`edge "gneE5" lane 1`).
   */
  label: string;

  constructor(
    /** Tag name. */
    readonly name: string,
    /** Raw attribute values. */
    readonly attrs: Record<string, string>,
    /** 1-based line of the `<`. */
    readonly line: number,
    /** 1-based column of the `<`. */
    readonly col: number,
    /** Nesting depth; 0 for the root element. */
    readonly depth: number,
    private readonly file: string,
    private readonly makeError: FileErrorFactory,
  ) {
    const id = attrs.id;
    this.label = id === undefined ? `<${name}>` : `${name} "${id}"`;
  }

  /** An error at this element: `label: message`. */
  error(message: string): FileFormatError {
    return this.makeError(this.file, `${this.label}: ${message}`, this.line, this.col);
  }

  /** Throws {@link error}. */
  fail(message: string): never {
    throw this.error(message);
  }

  /** Throws an error at this element whose message is `message` alone, without the label. */
  failUnlabelled(message: string): never {
    throw this.makeError(this.file, message, this.line, this.col);
  }

  /** A required attribute. */
  str(attr: string): string {
    const v = this.attrs[attr];
    if (v === undefined) this.fail(`missing attribute "${attr}"`);
    return v;
  }

  /** An optional attribute (undefined when absent). */
  optStr(attr: string): string | undefined {
    return this.attrs[attr];
  }

  /** A required finite number. */
  num(attr: string): number {
    return this.toNum(attr, this.str(attr));
  }

  /** An optional finite number. */
  optNum(attr: string): number | undefined {
    const v = this.attrs[attr];
    return v === undefined ? undefined : this.toNum(attr, v);
  }

  /** A required coordinate or length (m), within ±{@link MAX_COORDINATE_M}. */
  coord(attr: string): number {
    return this.toCoord(attr, this.num(attr));
  }

  /** An optional coordinate or length (m), within ±{@link MAX_COORDINATE_M}. */
  optCoord(attr: string): number | undefined {
    const v = this.optNum(attr);
    return v === undefined ? undefined : this.toCoord(attr, v);
  }

  /** A required integer. */
  int(attr: string): number {
    return this.toInt(attr, this.str(attr));
  }

  /** An optional integer. */
  optInt(attr: string): number | undefined {
    const v = this.attrs[attr];
    return v === undefined ? undefined : this.toInt(attr, v);
  }

  /** A whitespace-separated list (`allow="bus taxi"`); undefined when absent. */
  optList(attr: string): string[] | undefined {
    const v = this.attrs[attr];
    if (v === undefined) return undefined;
    return v.split(" ").filter((s) => s.length > 0);
  }

  private toNum(attr: string, v: string): number {
    // Number("") is 0 and Number(" 1") is 1: only accept non-blank text.
    const n = v.trim().length === 0 ? Number.NaN : Number(v);
    if (!Number.isFinite(n)) this.fail(`attribute ${attr}="${v}" is not a number`);
    return n;
  }

  private toCoord(attr: string, v: number): number {
    const problem = coordinateProblem(v);
    if (problem) this.fail(`attribute ${attr}: ${problem}`);
    return v;
  }

  private toInt(attr: string, v: string): number {
    const n = this.toNum(attr, v);
    if (!Number.isInteger(n)) this.fail(`attribute ${attr}="${v}" is not an integer`);
    return n;
  }
}

/**
 * Parses `xmlText` and visits its elements in document order.
 * @param file path used in error messages
 * @param makeError error constructor (defaults to {@link FileFormatError})
 * @throws FileFormatError on malformed XML (at the parser's line/column) or whatever the visitor throws
 */
export function walkSumoXml(
  xmlText: string,
  file: string,
  visitor: XmlVisitor,
  makeError: FileErrorFactory = (f, m, l, c) => new FileFormatError(f, m, l, c),
): void {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  let depth = 0;
  let startLine = 1;
  let startCol = 1;
  parser.on("error", (err: Error) => {
    // saxes prefixes its message with "line:column: "; we carry those as fields instead.
    const prefix = `${parser.line}:${parser.column}: `;
    const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
    // saxes' column is 0-based for the *next* character, i.e. the 1-based column of the last one read.
    throw makeError(file, `malformed XML: ${message}`, parser.line, Math.max(1, parser.column));
  });
  parser.on("opentagstart", (tag) => {
    // At this point the parser has read `<name` plus one more character.
    startLine = parser.line;
    startCol = Math.max(1, parser.column - tag.name.length - 1);
  });
  // saxes reports a mismatched close tag only after it has emitted "closetag" for the open element
  // it pops, so end tags are handed on at the next event: a malformed document never reaches the
  // visitor's close() (which may check the element's content) before the XML error.
  const pendingClose: string[] = [];
  const flush = (): void => {
    for (const name of pendingClose) visitor.close(name);
    pendingClose.length = 0;
  };
  parser.on("opentag", (tag: SaxesTagPlain) => {
    if (pendingClose.length > 0) flush();
    visitor.open(new XmlElement(tag.name, tag.attributes, startLine, startCol, depth, file, makeError));
    if (tag.isSelfClosing) visitor.close(tag.name);
    else depth++;
  });
  parser.on("closetag", (tag) => {
    if (tag.isSelfClosing) return; // already closed in "opentag"
    if (pendingClose.length > 0) flush();
    depth--;
    pendingClose.push(tag.name);
  });
  parser.write(xmlText).close();
  flush();
}
