/**
 * Applies one step's bubble transitions to the simulation — the one function through which bubbles
 * change who drives a vehicle. Each transition becomes a `bubble` event (metrics and replays see
 * every one), then its effect per actor (docs/bubbles.md):
 *
 * | transition | zoo policy | learning agent | traffic provider |
 * |---|---|---|---|
 * | airlockEntered | the policy starts shadowing | — (a slot is held) | — (a slot is held) |
 * | entered (from shadowing) | the shadowing policy drives | a learner `<bubble>-<n>` joins the env | the vehicle moves to the provider |
 * | exited / entered again | — | — | — |
 * | airlockExited | detached: the vehicle to the first accepting provider | the learner leaves (truncated); the vehicle to traffic | the vehicle to the first accepting provider |
 *
 * Ownership itself is written only by the simulation's functions behind the {@link BubbleHost} and
 * the social-agent manager (attach, detach, hand to provider), so its map keeps one writer.
 */
import type { BubbleHost } from "../core/simulation/BubblePhase.js";
import type { BubbleTransitionEvent } from "../core/simulation/SimEvent.js";
import type { BubbleTransition } from "./BubbleCursor.js";
import type { PreparedBubble } from "./PreparedBubble.js";

/** A capture the target refused: the manager marks its cursor spent. */
export interface RefusedCapture {
  readonly bubble: number;
  readonly vehicleId: string;
}

/** Applies `transitions` in order; returns the captures a provider refused. */
export async function applyTransitions(
  transitions: readonly BubbleTransition[],
  bubbles: readonly PreparedBubble[],
  host: BubbleHost,
): Promise<RefusedCapture[]> {
  const refused: RefusedCapture[] = [];
  const social = host.social;
  for (const t of transitions) {
    const actor = bubbles[t.bubble].spec.actor;
    const event: BubbleTransitionEvent = {
      kind: "bubble",
      bubble: t.bubbleName,
      vehicleId: t.vehicleId,
      transition: t.kind,
      agentId: t.agentId,
      ...(t.detail && { detail: t.detail }),
    };
    if (t.kind === "airlockEntered") {
      host.pushEvent(event);
      if (actor.kind === "zoo") await need(social, t).shadow(t.vehicleId, actor.policy, { agentId: t.agentId! });
    } else if (t.kind === "entered" && t.from === "shadowing") {
      if (actor.kind === "traffic") {
        const ok = await host.handToProvider(t.vehicleId, actor.provider);
        host.pushEvent(ok ? event : { ...event, detail: "refused" });
        if (!ok) refused.push({ bubble: t.bubble, vehicleId: t.vehicleId });
        continue;
      }
      host.pushEvent(event);
      if (actor.kind === "zoo") await need(social, t).attach(t.vehicleId, actor.policy, { agentId: t.agentId! });
      else await need(social, t).attachLearner(t.vehicleId, t.agentId!, actor.interface);
    } else if (t.kind === "airlockExited") {
      host.pushEvent(event);
      if (t.detail === "gone" || (t.detail === "lost" && t.from === "controlled")) continue;
      if (actor.kind === "traffic") {
        if (t.from === "controlled") await releaseToFirstProvider(host, t.vehicleId);
        continue;
      }
      if (t.agentId === null || !social) continue;
      const phase = social.phaseOf(t.agentId);
      if (phase === "shadowing") await social.detach(t.agentId);
      else if (phase === "live" || phase === "leaving") await social.detach(t.agentId, "traffic");
    } else host.pushEvent(event);
  }
  return refused;
}

/** Hands a provider-driven vehicle to the first provider that accepts it (its own, if that one is first). */
async function releaseToFirstProvider(host: BubbleHost, vehicleId: string): Promise<void> {
  for (const name of host.providerNames()) if (await host.handToProvider(vehicleId, name)) return;
}

function need<T>(social: T | null, t: BubbleTransition): T {
  if (!social)
    throw new Error(
      `bubble "${t.bubbleName}": its actor needs social agents (SimulationOptions.social) to drive vehicle "${t.vehicleId}"`,
    );
  return social;
}
