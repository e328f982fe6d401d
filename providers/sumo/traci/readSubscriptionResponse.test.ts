import { describe, expect, it } from "vitest";
import { TraciStorage } from "./TraciStorage.js";
import { emptySubscriptionResults, readSubscriptionResponse } from "./readSubscriptionResponse.js";

describe("readSubscriptionResponse", () => {
  /** One vehicle subscription entry as SUMO frames it. */
  function entry(
    responseId: number,
    objectId: string,
    vars: Array<[number, (s: TraciStorage) => void, number?]>,
  ): Uint8Array {
    const body = new TraciStorage().writeUbyte(responseId).writeString(objectId).writeUbyte(vars.length);
    for (const [varId, write, status = 0] of vars) {
      body.writeUbyte(varId).writeUbyte(status);
      write(body);
    }
    return new TraciStorage()
      .writeLength(body.length + 1)
      .writeBytes(body.bytes())
      .bytes()
      .slice();
  }

  it("decodes vehicle and simulation entries into plain maps keyed by id and variable", () => {
    const results = emptySubscriptionResults();
    const bytes = new TraciStorage()
      .writeBytes(
        entry(0xe4, "v1", [
          [0x42, (s) => s.writeTypedPosition2D({ x: 1, y: 2 })],
          [0x40, (s) => s.writeTypedDouble(3)],
        ]),
      )
      .writeBytes(entry(0xeb, "", [[0x74, (s) => s.writeTypedStringList(["v1"])]]))
      .writeBytes(entry(0xe2, "tls", [[0x20, (s) => s.writeTypedString("GrG")]]))
      .bytes()
      .slice();
    const s = new TraciStorage(bytes);
    expect(readSubscriptionResponse(s, results)).toEqual({ responseId: 0xe4, objectId: "v1" });
    readSubscriptionResponse(s, results);
    readSubscriptionResponse(s, results);
    expect(s.remaining).toBe(0);
    expect(results.vehicles).toEqual({ v1: { 0x42: { x: 1, y: 2 }, 0x40: 3 } });
    expect(results.simulation).toEqual({ 0x74: ["v1"] });
    expect(results.other).toEqual({ 0xe2: { tls: { 0x20: "GrG" } } });
    expect(results.errors).toEqual([]);
  });

  it("reports failed variables as errors, not values", () => {
    const results = emptySubscriptionResults();
    const s = new TraciStorage(
      entry(0xe4, "gone", [[0x42, (w) => w.writeTypedString("Vehicle 'gone' is not known."), 0xff]]),
    );
    readSubscriptionResponse(s, results);
    expect(results.vehicles).toEqual({});
    expect(results.errors).toEqual([
      { responseId: 0xe4, objectId: "gone", varId: 0x42, message: "Vehicle 'gone' is not known." },
    ]);
  });

  it("rejects context subscription results", () => {
    const s = new TraciStorage(entry(0x94, "v", []));
    expect(() => readSubscriptionResponse(s, emptySubscriptionResults())).toThrow(/context subscriptions/);
  });
});
