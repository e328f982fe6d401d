/**
 * Units of the scenario language and their conversion to SI. A quantity's unit must belong to the
 * kind the property expects (a headway takes a time, a speed limit a speed); the passes report a
 * mismatch at the quantity's location.
 */

/** What a quantity measures. `number` and `count` are unitless (`%` is allowed for numbers). */
export type UnitKind = "length" | "speed" | "acceleration" | "time" | "angle" | "rate" | "number" | "count";

interface UnitDef {
  kind: UnitKind;
  /** Converts a value in this unit to SI (m, m/s, m/s², s, rad, veh/h, plain number). */
  toSi: (v: number) => number;
}

const same = (v: number) => v;

/** Every unit the grammar accepts. */
export const UNITS: Readonly<Record<string, UnitDef>> = {
  m: { kind: "length", toSi: same },
  km: { kind: "length", toSi: (v) => v * 1000 },
  cm: { kind: "length", toSi: (v) => v / 100 },
  "m/s": { kind: "speed", toSi: same },
  "km/h": { kind: "speed", toSi: (v) => v / 3.6 },
  "m/s2": { kind: "acceleration", toSi: same },
  "m/s^2": { kind: "acceleration", toSi: same },
  "m/s²": { kind: "acceleration", toSi: same },
  s: { kind: "time", toSi: same },
  ms: { kind: "time", toSi: (v) => v / 1000 },
  min: { kind: "time", toSi: (v) => v * 60 },
  h: { kind: "time", toSi: (v) => v * 3600 },
  rad: { kind: "angle", toSi: same },
  deg: { kind: "angle", toSi: (v) => (v * Math.PI) / 180 },
  "veh/h": { kind: "rate", toSi: same },
  "veh/min": { kind: "rate", toSi: (v) => v * 60 },
  "veh/s": { kind: "rate", toSi: (v) => v * 3600 },
  "%": { kind: "number", toSi: (v) => v / 100 },
};

/** How to write each kind, for messages. */
export const UNIT_HINTS: Readonly<Record<UnitKind, string>> = {
  length: "a length (m, km, cm), e.g. `30 m`",
  speed: "a speed (m/s, km/h), e.g. `50 km/h`",
  acceleration: "an acceleration (m/s2), e.g. `2.6 m/s2`",
  time: "a time (s, ms, min, h), e.g. `1.5 s`",
  angle: "an angle (deg, rad), e.g. `90 deg`",
  rate: "a rate (veh/h, veh/min, veh/s), e.g. `600 veh/h`",
  number: "a plain number, e.g. `0.5`",
  count: "a whole number, e.g. `8`",
};

/** The kind of a unit as written, or undefined for an unknown unit. */
export function unitKind(unit: string): UnitKind | undefined {
  return UNITS[unit]?.kind;
}

/** Converts `value` in `unit` to SI; throws for an unknown unit (the grammar admits only known ones). */
export function toSi(value: number, unit: string): number {
  const def = UNITS[unit];
  if (!def) throw new Error(`unknown unit "${unit}"`);
  return def.toSi(value);
}
