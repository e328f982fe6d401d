/**
 * What the HUD says is happening, from one frame alone (so it reads the same after a seek): what
 * the selected vehicle is doing, how many vehicles each bubble holds right now, and the frame's
 * events in words.
 */
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";

/** Below this speed a vehicle counts as stopped (m/s). */
const STOPPED_MPS = 0.5;

/** One bubble and the vehicles it drives now. */
export interface BubbleHold {
  id: string;
  /** Vehicles of the frame whose owner is one of the bubble's actors (`social:<bubble>-<n>` or `agent:<bubble>-<n>`). */
  captured: number;
}

/** Every bubble of the frame with the vehicles it holds, in the frame's order. */
export function bubbleHolds(frame: Pick<ReplayFrame, "bubbles" | "owners">): BubbleHold[] {
  return frame.bubbles.map((b) => {
    const social = `social:${b.id}-`;
    const learner = `agent:${b.id}-`;
    let captured = 0;
    for (const owner of frame.owners) if (owner.startsWith(social) || owner.startsWith(learner)) captured++;
    return { id: b.id, captured };
  });
}

/** The HUD's bubble line: `escort 3 · avenue 5` (vehicles held), or `none` without bubbles. */
export function describeBubbles(holds: BubbleHold[]): string {
  return holds.length ? holds.map((h) => `${h.id} ${h.captured}`).join(" · ") : "none";
}

/**
 * What vehicle `i` of the frame is doing, in words: who drives it (its agent, a bubble's actor,
 * traffic), whether it is stopped or at what speed, and on which lane — or how its agent's episode
 * ended.
 */
export function describeActivity(frame: ReplayFrame, i: number): string {
  const id = frame.ids[i];
  const agent = frame.agents.find((a) => a.vehicleId === id);
  if (agent?.done) return `${agent.id} finished: ${agent.reasons.join(", ") || "done"}`;
  const owner = frame.owners[i];
  const bubble = frame.bubbles.find((b) => owner.startsWith(`social:${b.id}-`) || owner.startsWith(`agent:${b.id}-`));
  const who = agent
    ? `agent ${agent.id}`
    : bubble
      ? `captured by bubble ${bubble.id}`
      : owner.startsWith("social:")
        ? `social agent ${owner.slice("social:".length)}`
        : "traffic";
  const speed = frame.speedMps[i];
  const motion = speed < STOPPED_MPS ? "stopped" : `driving ${(speed * 3.6).toFixed(0)} km/h`;
  const lane = frame.laneIds[i];
  return `${who}: ${motion}${lane ? ` on ${lane.startsWith(":") ? "a junction" : `lane ${lane}`}` : ""}`;
}

/** What each bubble transition means for the vehicle (core/simulation/SimEvent.ts). */
const bubbleTransitionWords: Record<string, string> = {
  airlockEntered: "shadowed (entered the airlock)",
  entered: "captured",
  exited: "back in the airlock",
  airlockExited: "released to traffic",
};

/** One simulation event of the frame in words, for the HUD's event list. */
export function describeEvent(e: { kind: string; [k: string]: unknown }): string {
  switch (e.kind) {
    case "vehicleAdded":
      return `${String(e.vehicleId)} appeared (${String(e.owner)})`;
    case "vehicleRemoved":
      return `${String(e.vehicleId)} left (${String(e.reason)})`;
    case "ownerChanged":
      return `${String(e.vehicleId)}: ${String(e.from)} → ${String(e.to)}`;
    case "bubble":
      return `bubble ${String(e.bubble)}: ${String(e.vehicleId)} ${bubbleTransitionWords[String(e.transition)] ?? String(e.transition)}${e.detail ? ` (${String(e.detail)})` : ""}`;
    case "agentDone":
      return `agent ${String(e.agentId)} done (${Array.isArray(e.reasons) ? e.reasons.join(", ") : ""})`;
    default:
      return e.kind;
  }
}
