import { describe, expect, it } from "vitest";
import { TraciStorage, TraciType } from "./TraciStorage.js";

/** Writes with `write`, then reads the bytes back from a fresh storage with `read`. */
function roundTrip<T>(write: (s: TraciStorage) => void, read: (s: TraciStorage) => T): { value: T; bytes: number[] } {
  const w = new TraciStorage();
  write(w);
  const r = new TraciStorage(w.bytes().slice());
  const value = read(r);
  expect(r.remaining).toBe(0);
  return { value, bytes: Array.from(w.bytes()) };
}

describe("TraciStorage", () => {
  it("writes big-endian scalars", () => {
    const s = new TraciStorage().writeUbyte(0xab).writeByte(-2).writeInt(0x01020304).writeDouble(1);
    expect(Array.from(s.bytes())).toEqual([0xab, 0xfe, 1, 2, 3, 4, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]);
  });

  it("round-trips raw scalars at their limits", () => {
    for (const v of [0, 1, 255])
      expect(
        roundTrip(
          (s) => s.writeUbyte(v),
          (s) => s.readUbyte(),
        ).value,
      ).toBe(v);
    for (const v of [-128, -1, 0, 127])
      expect(
        roundTrip(
          (s) => s.writeByte(v),
          (s) => s.readByte(),
        ).value,
      ).toBe(v);
    for (const v of [-0x80000000, -1, 0, 0x7fffffff])
      expect(
        roundTrip(
          (s) => s.writeInt(v),
          (s) => s.readInt(),
        ).value,
      ).toBe(v);
    for (const v of [0, -0, 1.5, -1073741824, Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity]) {
      expect(
        roundTrip(
          (s) => s.writeDouble(v),
          (s) => s.readDouble(),
        ).value,
      ).toBe(v);
    }
    expect(
      roundTrip(
        (s) => s.writeDouble(NaN),
        (s) => s.readDouble(),
      ).value,
    ).toBeNaN();
  });

  it("rejects out-of-range integers instead of wrapping them", () => {
    const s = new TraciStorage();
    expect(() => s.writeUbyte(256)).toThrow(/ubyte/);
    expect(() => s.writeUbyte(-1)).toThrow(/ubyte/);
    expect(() => s.writeByte(128)).toThrow(/byte/);
    expect(() => s.writeInt(2 ** 31)).toThrow(/int/);
    expect(() => s.writeInt(1.5)).toThrow(/int/);
  });

  it("round-trips strings (UTF-8, length-prefixed) and string lists", () => {
    const { value, bytes } = roundTrip(
      (s) => s.writeString("ab"),
      (s) => s.readString(),
    );
    expect(value).toBe("ab");
    expect(bytes).toEqual([0, 0, 0, 2, 0x61, 0x62]);
    for (const v of ["", "veh.0", ":J1_0_0", "Straße→北", "x".repeat(1000)]) {
      expect(
        roundTrip(
          (s) => s.writeString(v),
          (s) => s.readString(),
        ).value,
      ).toBe(v);
    }
    const list = ["A0B0", "", "B0C0"];
    expect(
      roundTrip(
        (s) => s.writeStringList(list),
        (s) => s.readStringList(),
      ).value,
    ).toEqual(list);
    expect(
      roundTrip(
        (s) => s.writeDoubleList([1, -2.5]),
        (s) => s.readDoubleList(),
      ).value,
    ).toEqual([1, -2.5]);
  });

  it("writes TraCI lengths in one byte up to 255 and as 0 + int beyond", () => {
    expect(
      roundTrip(
        (s) => s.writeLength(255),
        (s) => s.readLength(),
      ),
    ).toEqual({ value: 255, bytes: [255] });
    expect(
      roundTrip(
        (s) => s.writeLength(256),
        (s) => s.readLength(),
      ),
    ).toEqual({ value: 256, bytes: [0, 0, 0, 1, 0] });
  });

  it("round-trips every typed value through readTypedValue, with the right type byte", () => {
    const cases: Array<[(s: TraciStorage) => void, number, unknown]> = [
      [(s) => s.writeTypedUbyte(200), TraciType.ubyte, 200],
      [(s) => s.writeTypedByte(-5), TraciType.byte, -5],
      [(s) => s.writeTypedInt(-123456), TraciType.integer, -123456],
      [(s) => s.writeTypedDouble(13.89), TraciType.double, 13.89],
      [(s) => s.writeTypedString("A0B0_0"), TraciType.string, "A0B0_0"],
      [(s) => s.writeTypedStringList(["a", "b"]), TraciType.stringList, ["a", "b"]],
      [(s) => s.writeTypedDoubleList([0.5, 2]), TraciType.doubleList, [0.5, 2]],
      [(s) => s.writeTypedPosition2D({ x: 1.5, y: -2 }), TraciType.position2D, { x: 1.5, y: -2 }],
      [(s) => s.writeTypedPosition3D({ x: 1, y: 2, z: 3 }), TraciType.position3D, { x: 1, y: 2, z: 3 }],
      [(s) => s.writeTypedLonLat({ lon: 13.4, lat: 52.5 }), TraciType.positionLonLat, { lon: 13.4, lat: 52.5 }],
      [
        (s) => s.writeTypedLonLatAlt({ lon: 1, lat: 2, alt: 3 }),
        TraciType.positionLonLatAlt,
        { lon: 1, lat: 2, alt: 3 },
      ],
      [
        (s) => s.writeTypedRoadMapPosition({ roadId: "e1", pos: 12.5, laneIndex: 2 }),
        TraciType.positionRoadMap,
        { roadId: "e1", pos: 12.5, laneIndex: 2 },
      ],
      [
        (s) =>
          s.writeTypedPolygon([
            { x: 0, y: 0 },
            { x: 1, y: 2 },
          ]),
        TraciType.polygon,
        [
          { x: 0, y: 0 },
          { x: 1, y: 2 },
        ],
      ],
      [(s) => s.writeTypedColor({ r: 255, g: 128, b: 0, a: 255 }), TraciType.color, { r: 255, g: 128, b: 0, a: 255 }],
      [
        (s) => s.writeCompoundHeader(3).writeTypedString("r").writeTypedInt(7).writeTypedPosition2D({ x: 1, y: 1 }),
        TraciType.compound,
        ["r", 7, { x: 1, y: 1 }],
      ],
    ];
    for (const [write, type, expected] of cases) {
      const { value, bytes } = roundTrip(write, (s) => s.readTypedValue());
      expect(bytes[0]).toBe(type);
      expect(value).toEqual(expected);
    }
  });

  it("round-trips long polygons (point count 0 + int beyond 255)", () => {
    const points = Array.from({ length: 300 }, (_, i) => ({ x: i, y: -i }));
    const { value, bytes } = roundTrip(
      (s) => s.writeTypedPolygon(points),
      (s) => s.readTypedValue(),
    );
    expect(bytes.slice(0, 2)).toEqual([TraciType.polygon, 0]);
    expect(value).toEqual(points);
  });

  it("has specific typed readers that check the type byte", () => {
    const s = new TraciStorage(
      new TraciStorage()
        .writeTypedUbyte(1)
        .writeTypedByte(-1)
        .writeTypedInt(2)
        .writeTypedDouble(3)
        .writeTypedString("s")
        .writeTypedStringList(["l"])
        .writeTypedPosition2D({ x: 4, y: 5 })
        .writeCompoundHeader(0)
        .bytes()
        .slice(),
    );
    expect([s.readTypedUbyte(), s.readTypedByte(), s.readTypedInt(), s.readTypedDouble()]).toEqual([1, -1, 2, 3]);
    expect(s.readTypedString()).toBe("s");
    expect(s.readTypedStringList()).toEqual(["l"]);
    expect(s.readTypedPosition2D()).toEqual({ x: 4, y: 5 });
    expect(s.readCompoundHeader()).toBe(0);
    const wrong = new TraciStorage(new TraciStorage().writeTypedInt(1).bytes().slice());
    expect(() => wrong.readTypedDouble()).toThrow(/expected type 0x0b at byte 0, found 0x09/);
  });

  it("throws on reads past the end and on unknown type bytes", () => {
    expect(() => new TraciStorage(new Uint8Array([0, 0])).readInt()).toThrow(/past the end/);
    expect(() => new TraciStorage(new Uint8Array([0, 0, 0, 9, 0x61])).readString()).toThrow(/past the end/);
    expect(() => new TraciStorage(new Uint8Array([0x42])).readTypedValue()).toThrow(/unknown type byte 0x42/);
  });

  it("grows past its initial capacity without corrupting earlier bytes", () => {
    const s = new TraciStorage();
    for (let i = 0; i < 1000; i++) s.writeInt(i).writeUbyte(i & 0xff);
    const r = new TraciStorage(s.bytes().slice());
    for (let i = 0; i < 1000; i++) {
      expect(r.readInt()).toBe(i);
      expect(r.readUbyte()).toBe(i & 0xff);
    }
  });
});
