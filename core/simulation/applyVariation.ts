/**
 * The traffic and drivers of one episode: the scenario's, or those of the variation the episode's
 * seed (or an explicit choice) picks. A variation's `traffic` replaces the base traffic; its
 * `overrides` then change named drivers' parameters and named flows' numbers, in order.
 */
import type { CompiledScenario, Driver, Traffic, Variation } from "../../spec/CompiledScenario.js";

/** What varies between episodes. */
export interface EpisodeVariation {
  /** Index into `scenario.variations`, or −1 when the scenario has none. */
  index: number;
  /** The variation's name ('' when none). */
  name: string;
  traffic: Traffic;
  drivers: Driver[];
}

/**
 * Picks the variation: `choice` (an index or a name) when given, else `seed mod count`.
 * @throws naming the known variations when `choice` matches none
 */
export function pickVariation(scenario: CompiledScenario, seed: number, choice?: number | string): EpisodeVariation {
  const vs = scenario.variations;
  if (vs.length === 0) {
    if (choice !== undefined)
      throw new Error(`scenario "${scenario.name}" has no variations; cannot pick ${JSON.stringify(choice)}`);
    return { index: -1, name: "", traffic: scenario.traffic, drivers: scenario.drivers };
  }
  let index: number;
  if (choice === undefined) index = ((seed % vs.length) + vs.length) % vs.length;
  else if (typeof choice === "number") {
    if (!Number.isInteger(choice) || choice < 0 || choice >= vs.length)
      throw new Error(
        `variation ${choice} does not exist: scenario "${scenario.name}" has variations 0…${vs.length - 1}`,
      );
    index = choice;
  } else {
    index = vs.findIndex((v) => v.name === choice);
    if (index < 0)
      throw new Error(
        `variation "${choice}" does not exist; scenario "${scenario.name}" has ${vs.map((v) => `"${v.name}"`).join(", ")}`,
      );
  }
  return applyVariation(scenario, vs[index], index);
}

/** The episode traffic and drivers under variation `v`. */
export function applyVariation(scenario: CompiledScenario, v: Variation, index: number): EpisodeVariation {
  const traffic: Traffic = structuredClone(v.traffic ?? scenario.traffic);
  const drivers: Driver[] = structuredClone(scenario.drivers);
  for (const o of v.overrides) {
    if (o.target === "driver") {
      const d = drivers.find((x) => x.name === o.name);
      if (!d) throw new Error(`variation "${v.name}": no driver "${o.name}"`);
      d[o.field] = o.value;
    } else {
      const f = traffic.flows.find((x) => x.name === o.name);
      if (!f) throw new Error(`variation "${v.name}": no flow "${o.name}"`);
      switch (o.field) {
        case "ratePerHour":
          f.spawn = { kind: "rate", ratePerHour: o.value };
          break;
        case "probabilityPerS":
          f.spawn = { kind: "probability", probabilityPerS: o.value };
          break;
        case "beginS":
          f.beginS = o.value;
          break;
        case "endS":
          f.endS = o.value;
          break;
        case "count":
          f.count = o.value;
          break;
      }
    }
  }
  return { index, name: v.name, traffic, drivers };
}
