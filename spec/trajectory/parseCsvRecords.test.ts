import { describe, expect, it } from "vitest";
import { FileFormatError } from "../FileFormatError.js";
import { parseCsvRecords, type CsvRecord } from "./parseCsvRecords.js";

function records(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  parseCsvRecords(text, "t.csv", (r) => out.push(r));
  return out;
}

function errorOf(text: string): string {
  try {
    records(text);
  } catch (err) {
    expect(err).toBeInstanceOf(FileFormatError);
    return (err as FileFormatError).format();
  }
  throw new Error("expected a FileFormatError");
}

describe("parseCsvRecords", () => {
  it("splits fields and records and locates each field", () => {
    const rs = records("a,bb,c\n1,,3\n");
    expect(rs.map((r) => r.fields)).toEqual([
      ["a", "bb", "c"],
      ["1", "", "3"],
    ]);
    expect(rs[0].cols).toEqual([1, 3, 6]);
    expect(rs[1].lines).toEqual([2, 2, 2]);
    expect(rs[1].cols).toEqual([1, 3, 4]);
    expect([rs[1].endLine, rs[1].endCol]).toEqual([2, 5]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const rs = records('id,name\n"a,1","say ""hi"""\n"multi\nline",x\nlast,"y"');
    expect(rs.map((r) => r.fields)).toEqual([
      ["id", "name"],
      ["a,1", 'say "hi"'],
      ["multi\nline", "x"],
      ["last", "y"],
    ]);
    expect(rs[2].lines).toEqual([3, 4]);
    expect(rs[2].cols).toEqual([1, 7]);
    expect(rs[3].lines).toEqual([5, 5]);
  });

  it("accepts CRLF, lone CR, a BOM, blank lines and a missing final line break", () => {
    const rs = records("\uFEFFa,b\r\n\r\n1,2\r3,4\n  \n5,6");
    expect(rs.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
    expect(rs.map((r) => r.lines[0])).toEqual([1, 3, 4, 6]);
    expect(rs[0].cols).toEqual([1, 3]); // the BOM is not a column
  });

  it("keeps an explicit empty quoted field and a trailing empty field", () => {
    expect(records('""\n').map((r) => r.fields)).toEqual([[""]]);
    expect(records("a,").map((r) => r.fields)).toEqual([["a", ""]]);
    expect(records("a,\nb").map((r) => r.fields)).toEqual([["a", ""], ["b"]]);
  });

  it("rejects malformed quoting with the location", () => {
    expect(errorOf('a,b\n1,"open\n')).toBe('t.csv:2:3: error: unterminated quoted field (the closing " is missing)');
    expect(errorOf('a,b\n1,ab"c\n')).toBe(
      "t.csv:2:5: error: a quote inside an unquoted field (quote the whole field and double the quote)",
    );
    expect(errorOf('a,b\n1,"ab"c\n')).toBe(
      "t.csv:2:7: error: unexpected text after the closing quote of a field (expected a comma or the end of the line)",
    );
  });

  it("locates errors after multi-byte text, blank lines, a BOM and multi-line fields, and in the first field", () => {
    expect(errorOf('a,b\n"é",ab"c\n')).toBe(
      "t.csv:2:7: error: a quote inside an unquoted field (quote the whole field and double the quote)",
    );
    expect(errorOf('a,b\n\n\nx,"é"\n"open,1\n')).toBe(
      't.csv:5:1: error: unterminated quoted field (the closing " is missing)',
    );
    expect(errorOf('\uFEFFa,"b"c\n')).toBe(
      "t.csv:1:6: error: unexpected text after the closing quote of a field (expected a comma or the end of the line)",
    );
    expect(errorOf('a,b\r\n"x\r\ny",1\r\n2,"p""q"z\r\n')).toBe(
      "t.csv:4:9: error: unexpected text after the closing quote of a field (expected a comma or the end of the line)",
    );
    expect(errorOf('a,b\nab"c,1\n')).toBe(
      "t.csv:2:3: error: a quote inside an unquoted field (quote the whole field and double the quote)",
    );
  });

  it("locates fields after multi-line quoted fields; a CRLF inside quotes reads as a line break", () => {
    const rs = records('a,b\r\n"x\r\ny","p""q",\r\n');
    expect(rs[1].fields).toEqual(["x\ny", 'p"q', ""]);
    expect(rs[1].lines).toEqual([2, 3, 3]);
    expect(rs[1].cols).toEqual([1, 4, 11]);
    expect([rs[1].endLine, rs[1].endCol]).toEqual([3, 11]);
  });
});
