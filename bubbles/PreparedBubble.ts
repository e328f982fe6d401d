/**
 * A compiled bubble made ready for stepping: its outline (world, or target-relative for a following
 * bubble), a {@link ZoneShape} to place it in, its time window in ticks, its limits as numbers and
 * its actor. Built once per simulation from `CompiledScenario.bubbles` (scenario order is kept: it
 * decides which bubble gets a vehicle first).
 */
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { Bubble } from "../spec/CompiledScenario.js";
import { ZoneShape } from "./ZoneShape.js";
import { zoneOutline } from "./zoneOutline.js";

/** Default number of learner ids per learning-agent bubble (see {@link BubbleOptions.learnerIdsPerBubble}). */
export const DEFAULT_LEARNER_IDS = 100;

/** Options of bubble preparation. */
export interface BubbleOptions {
  /**
   * How many vehicles one learning-agent bubble can hand to learners per episode: its agent ids are
   * `<bubble>-0 … <bubble>-(n−1)`, declared up front as the env's possible agents (an agent id is
   * never reused, so none is revived). Once they are used the bubble captures no more. @default 100
   */
  learnerIdsPerBubble?: number;
}

/** A bubble ready for {@link computeTransitions}. */
export interface PreparedBubble {
  /** Position in the scenario's bubble list. */
  readonly index: number;
  readonly spec: Bubble;
  readonly name: string;
  /** Outline points: world metres, or relative to the followed vehicle (x forward, y left). */
  readonly outline: readonly (readonly [number, number])[];
  /** The zone placed at this step (moving bubbles are re-placed into it). */
  readonly shape: ZoneShape;
  /** Vehicle id of the followed vehicle, or null for a fixed bubble. */
  readonly followId: string | null;
  /** Active from this tick (inclusive) to `endTick` (exclusive). */
  readonly beginTick: number;
  readonly endTick: number;
  /** Most vehicles controlled at once. */
  readonly hijack: number;
  /** Most vehicles held at once (shadowed or controlled). */
  readonly shadow: number;
  /** Agent ids a learning-agent bubble may mint (Infinity for other actors). */
  readonly learnerIds: number;
}

/** Prepares the scenario's bubbles (same order). */
export function prepareBubbles(
  bubbles: readonly Bubble[],
  network: RoadNetwork,
  dtS: number,
  options: BubbleOptions = {},
): PreparedBubble[] {
  const ids = options.learnerIdsPerBubble ?? DEFAULT_LEARNER_IDS;
  if (!Number.isInteger(ids) || ids < 0)
    throw new Error(`learnerIdsPerBubble must be a non-negative integer, got ${ids}`);
  return bubbles.map((spec, index) => {
    const outline = zoneOutline(spec.zone, network, spec.name);
    const shape = spec.follow ? new ZoneShape(outline.length, spec.marginM) : ZoneShape.of(outline, spec.marginM);
    const hijack = spec.limits.hijack ?? Infinity;
    return {
      index,
      spec,
      name: spec.name,
      outline,
      shape,
      followId: spec.follow?.name ?? null,
      beginTick: spec.window ? Math.round(spec.window.beginS / dtS) : 0,
      endTick: spec.window ? Math.round(spec.window.endS / dtS) : Infinity,
      hijack,
      shadow: Math.max(spec.limits.shadow ?? Infinity, hijack === Infinity ? 0 : hijack),
      learnerIds: spec.actor.kind === "agent" ? ids : Infinity,
    };
  });
}

/** Every learner id the bubbles can mint, in bubble order. */
export function learnerIdsOf(bubbles: readonly PreparedBubble[]): string[] {
  const out: string[] = [];
  for (const b of bubbles)
    if (b.spec.actor.kind === "agent") for (let i = 0; i < b.learnerIds; i++) out.push(`${b.name}-${i}`);
  return out;
}
