import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDefaultZoo } from "./defaultZoo.js";
import { Zoo } from "./Zoo.js";
import { zooPolicyCheck } from "./zooPolicyCheck.js";

const check = zooPolicyCheck(createDefaultZoo());

describe("zooPolicyCheck", () => {
  it("accepts entries with good parameters, defaults filled or not", () => {
    expect(check({ locator: "idm-mobil@v1", params: { preset: "cautious", politeness: 0.2 } }, "/")).toEqual([]);
    expect(check({ locator: "keep-lane@v0", params: {} }, "/")).toEqual([]);
  });

  it("names every bad parameter, and the entry or version that does not exist", () => {
    expect(check({ locator: "idm-mobil@v1", params: { preset: "fast", politenes: 0.2 } }, "/")).toEqual([
      {
        param: "preset",
        message:
          'zoo "idm-mobil@v1": parameter "preset": Invalid option: expected one of "cautious"|"normal"|"aggressive" (got "fast")',
      },
      {
        param: "politenes",
        message: expect.stringMatching(/^zoo "idm-mobil@v1": unknown parameter "politenes"; parameters are preset, /),
      },
    ]);
    expect(check({ locator: "keep-lane@v7", params: {} }, "/")).toEqual([
      { message: 'zoo: no version v7 of "keep-lane"; it has v0' },
    ]);
    expect(check({ locator: "keeplane", params: {} }, "/")[0].message).toMatch(/^bad zoo locator "keeplane"/);
  });

  it("finds file: policies relative to the scenario's folder, without loading them", () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-zoo-check-"));
    expect(check({ locator: "file:.", params: {} }, dir)).toEqual([]);
    expect(check({ locator: "file:./model", params: {} }, dir)).toEqual([
      { message: `zoo "file:./model": no policy at ${join(dir, "model")}` },
    ]);
    expect(zooPolicyCheck(new Zoo())({ locator: "file:.", params: {} }, dir)).toEqual([
      { message: 'zoo "file:.": this zoo loads no file policies' },
    ]);
  });
});
