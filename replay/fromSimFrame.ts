/**
 * A simulation frame as replay columns, without copying the vehicle arrays: what the replay writer
 * and the live viewer encode. Agents' rewards, which a `SimFrame` does not hold, are passed in;
 * bubble zones come from the frame unless given.
 */
import type { SimFrame } from "../core/simulation/SimFrame.js";
import type { EncodableFrame } from "./FrameEncoder.js";
import type { ReplayAgent, ReplayBubble } from "./ReplayFrame.js";

/** A zone corner rounded to the centimetre, as vehicle positions are (keeps moving bubbles' JSON short). */
function toCm([x, y]: readonly [number, number]): [number, number] {
  return [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
}

/** The replay view of `frame`. */
export function fromSimFrame(
  frame: SimFrame,
  agents: ReplayAgent[] = [],
  bubbles: ReplayBubble[] = frame.bubbles.map((b) => ({ ...b })),
): EncodableFrame {
  const signals: Record<string, string> = {};
  for (const [id, s] of frame.signals) signals[id] = s;
  return {
    tick: frame.tick,
    ids: frame.ids as string[],
    typeIds: frame.typeIds as string[],
    owners: frame.owners as string[],
    laneIds: frame.laneIds as string[],
    roles: frame.roles,
    x: frame.x,
    y: frame.y,
    headingRad: frame.headingRad,
    speedMps: frame.speedMps,
    signals,
    collisions: frame.collisions.map((c) => ({ a: c.a, b: c.b })),
    events: frame.events.map((e) => ({ ...e })),
    bubbles:
      bubbles ??
      frame.bubbles.map((b) => ({
        id: b.id,
        zone: b.zone.map(toCm),
        ...(b.airlock && { airlock: b.airlock.map(toCm) }),
      })),
    agents,
  };
}
