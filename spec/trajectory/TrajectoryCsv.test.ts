import { describe, expect, it } from "vitest";
import { FileFormatError } from "../FileFormatError.js";
import { formatTrajectoryCsv, parseTrajectoryCsv } from "./TrajectoryCsv.js";
import type { TrajectorySet } from "./TrajectorySet.js";

const HEADER = "id,time,x,y,heading,speed,length,width,type";

/** The samples of vehicle `id` as `[t, x, y, heading, speed]` rows. */
function rows(set: TrajectorySet, id: string): number[][] {
  const s = set.track(id).samples;
  return Array.from({ length: s.length / 5 }, (_, k) => Array.from(s.subarray(5 * k, 5 * k + 5)));
}

/** `formatted()` of the FileFormatError that parsing `text` as `traffic.csv` throws. */
function errorOf(text: string): string {
  try {
    parseTrajectoryCsv(text, "traffic.csv");
  } catch (err) {
    expect(err).toBeInstanceOf(FileFormatError);
    return (err as FileFormatError).format();
  }
  throw new Error("expected a FileFormatError");
}

/** A file with the standard header and `lines` as rows (row k is on line k + 2). */
const file = (...lines: string[]): string => [HEADER, ...lines].join("\n") + "\n";

describe("parseTrajectoryCsv", () => {
  it("reads rows in any order and any column order, ignoring extra columns", () => {
    const set = parseTrajectoryCsv(
      [
        "type,note,time,id,x,y,heading,speed,length,width",
        "passenger,first,0.2,car-1,12.5,-3,0.1,10.5,4.5,1.8",
        'truck,"a, quoted note",0,"lorry 7",100,200,-1.5,0,10,2.5',
        "passenger,,0,car-1,10.5,-3,0.1,10,4.5,1.8",
        " passenger , spaced , 0.1 , car-1 , 11.5 , -3 , 0.1 , 10.25 , 4.5 , 1.8 ",
        "truck,,1e1,lorry 7,101,200,4.0,0.5,10,2.5",
      ].join("\r\n"),
      "traffic.csv",
    );
    expect(set.vehicleIds()).toEqual(["car-1", "lorry 7"]);
    expect(set.track("car-1")).toMatchObject({ type: "passenger", lengthM: 4.5, widthM: 1.8 });
    expect(rows(set, "car-1")).toEqual([
      [0, 10.5, -3, 0.1, 10],
      [0.1, 11.5, -3, 0.1, 10.25],
      [0.2, 12.5, -3, 0.1, 10.5],
    ]);
    expect(set.track("lorry 7")).toMatchObject({ type: "truck", lengthM: 10, widthM: 2.5 });
    // Headings are wrapped into (−π, π]: 4.0 rad is 4 − 2π.
    expect(rows(set, "lorry 7")).toEqual([
      [0, 100, 200, -1.5, 0],
      [10, 101, 200, 4 - 2 * Math.PI, 0.5],
    ]);
  });

  it("reads an empty table (header only) as an empty set", () => {
    expect(parseTrajectoryCsv(HEADER + "\n", "traffic.csv").size).toBe(0);
  });

  it("writes what it reads", () => {
    const text = file(
      "b,0,1.1,2.2,3.1,4.4,4.5,1.8,passenger",
      "b,0.1,1.2,2.3,-3.1,4.5,4.5,1.8,passenger",
      '"x,""y""",5,0,0,0,0,10,2.5,truck',
    );
    const set = parseTrajectoryCsv(text, "a.csv");
    const written = formatTrajectoryCsv(set);
    expect(written).toBe(
      file(
        "b,0,1.1,2.2,3.1,4.4,4.5,1.8,passenger",
        "b,0.1,1.2,2.3,-3.1,4.5,4.5,1.8,passenger",
        '"x,""y""",5,0,0,0,0,10,2.5,truck',
      ),
    );
    expect(formatTrajectoryCsv(parseTrajectoryCsv(written, "b.csv"))).toBe(written);
  });
});

describe("parseTrajectoryCsv errors name file:line:col and the column", () => {
  it("a value that is not a number", () => {
    expect(errorOf(file("a,0,0,0,0,1,4,2,passenger", "a,1,0,0,0,abc,4,2,passenger"))).toBe(
      'traffic.csv:3:11: error: column "speed": "abc" is not a number',
    );
    expect(errorOf(file("a,0,,0,0,1,4,2,passenger"))).toBe('traffic.csv:2:5: error: column "x": "" is not a number');
    expect(errorOf(file("a,0,0,NaN,0,1,4,2,passenger"))).toBe(
      'traffic.csv:2:7: error: column "y": "NaN" is not a number',
    );
    expect(errorOf(file("a,0,0,0,Infinity,1,4,2,passenger"))).toBe(
      'traffic.csv:2:9: error: column "heading": "Infinity" is not a number',
    );
    expect(errorOf(file("a,0,0,0,0x10,1,4,2,passenger"))).toBe(
      'traffic.csv:2:9: error: column "heading": "0x10" is not a number',
    );
    expect(errorOf(file("a,0,1e999,0,0,1,4,2,passenger"))).toBe(
      'traffic.csv:2:5: error: column "x": "1e999" is out of range',
    );
  });

  it("locates the field in its column even when columns are reordered", () => {
    expect(
      errorOf("speed,id,time,x,y,heading,length,width,type\n1,a,0,0,0,0,4,2,passenger\n2,a,0.1,0,0,0,4,2,truck\n"),
    ).toBe(
      'traffic.csv:3:19: error: column "type": vehicle "a" has "truck" here but "passenger" on line 2 (a vehicle\'s type, length and width must not change)',
    );
  });

  it("a negative time, a size that is not positive, an empty id or type", () => {
    expect(errorOf(file("a,-0.5,0,0,0,1,4,2,passenger"))).toBe(
      'traffic.csv:2:3: error: column "time": "-0.5" is negative (times are ≥ 0 s)',
    );
    expect(errorOf(file("a,0,0,0,0,1,0,2,passenger"))).toBe(
      'traffic.csv:2:13: error: column "length": "0" is not positive',
    );
    expect(errorOf(file("a,0,0,0,0,1,4,-2,passenger"))).toBe(
      'traffic.csv:2:15: error: column "width": "-2" is not positive',
    );
    expect(errorOf(file(" ,0,0,0,0,1,4,2,passenger"))).toBe(
      'traffic.csv:2:1: error: column "id": empty (every row needs a vehicle id)',
    );
    expect(errorOf(file("a,0,0,0,0,1,4,2,"))).toBe(
      'traffic.csv:2:17: error: column "type": empty (every row needs a vehicle type)',
    );
  });

  it("a vehicle whose size changes", () => {
    expect(
      errorOf(file("a,0,0,0,0,1,4.5,2,passenger", "b,0,0,0,0,1,4,2,passenger", "a,0.1,0,0,0,1,4.6,2,passenger")),
    ).toBe(
      'traffic.csv:4:15: error: column "length": vehicle "a" has "4.6" here but "4.5" on line 2 (a vehicle\'s type, length and width must not change)',
    );
  });

  it("two samples of one vehicle at the same time, naming both lines", () => {
    expect(
      errorOf(
        file(
          "a,1.5,0,0,0,1,4,2,passenger",
          "b,1.5,0,0,0,1,4,2,passenger",
          "a,0,0,0,0,1,4,2,passenger",
          "a,1.50,9,9,0,1,4,2,passenger",
        ),
      ),
    ).toBe('traffic.csv:5:3: error: vehicle "a" has two samples at 1.5 s: lines 2 and 5');
  });

  it("header problems", () => {
    expect(errorOf("id,time,x,y,heading,length,width,type\n")).toBe(
      'traffic.csv:1:1: error: missing column "speed" (the header has: id, time, x, y, heading, length, width, type)',
    );
    expect(errorOf("id,time,x,y,heading,speed,length,width,type,X\n")).toBe(
      'traffic.csv:1:45: error: column "X" appears twice in the header (first at column 9)',
    );
    expect(errorOf("")).toBe(
      "traffic.csv:1:1: error: empty file: expected a header line naming the columns id, time, x, y, heading, speed, length, width, type",
    );
    expect(errorOf("\n\n")).toBe(
      "traffic.csv:1:1: error: empty file: expected a header line naming the columns id, time, x, y, heading, speed, length, width, type",
    );
  });

  it("rows with too few or too many fields", () => {
    expect(errorOf(file("a,0,0,0,0,1,4,2"))).toBe(
      'traffic.csv:2:16: error: column "type": missing (the row has 8 fields, the header 9)',
    );
    expect(errorOf(file("a,0,0,0,0,1,4,2,passenger,extra"))).toBe(
      "traffic.csv:2:27: error: the row has 10 fields but the header 9",
    );
  });

  it("malformed CSV", () => {
    expect(errorOf(file('"a,0,0,0,0,1,4,2,passenger'))).toBe(
      'traffic.csv:2:1: error: unterminated quoted field (the closing " is missing)',
    );
    expect(errorOf(file('a,0,0,0,0,1,4,2,pass"enger'))).toBe(
      "traffic.csv:2:21: error: a quote inside an unquoted field (quote the whole field and double the quote)",
    );
  });
});
