/**
 * The bubble state machine's step (DESIGN.md §6, docs/bubbles.md): a pure function of the previous
 * state, this tick's vehicles and the bubbles. It changes nothing in the simulation; the manager
 * applies the transitions it returns (`applyTransitions`, the only writer of bubble ownership
 * changes). The only thing it writes is each bubble's {@link ZoneShape} scratch, which it re-places
 * for moving bubbles from the followed vehicle's pose — an output, never read from an earlier call.
 *
 * Per vehicle and bubble, from the vehicle's centre:
 * - outside → in the ring or zone, admissible, under the shadow limit: `airlockEntered` (shadowing);
 * - shadowing, in the zone, under the hijack limit: `entered` (controlled) — possibly in the same tick;
 * - controlled, zone → ring: `exited` (nothing changes: hysteresis); ring → zone: `entered` again
 *   (control is already held);
 * - held, outside both (or the bubble switched off, or the vehicle gone): `airlockExited` (release);
 * - controlled, but the frame shows another owner (the actor let it go: policy failure, episode end):
 *   `airlockExited` with detail `lost`, cursor `spent` until the vehicle leaves the airlock.
 *
 * Admissible: owned by a traffic provider, id not excluded (by prefix) and not the followed vehicle,
 * not held by an earlier bubble nor released by one this tick, on a normal (non-junction) lane for
 * zoo and learning actors (their missions start from a lane), not already owned by a provider
 * actor's target, and — for learning actors — with an agent id left.
 *
 * Order: bubbles in scenario order; within a bubble, held vehicles in sorted id order (releases free
 * slots first), then newcomers in sorted id order. The vehicle order of the input does not matter.
 */
import type { BubbleVehicle } from "../core/simulation/BubblePhase.js";
import type { BubbleCursor, BubblesState, BubbleTransition, CursorState } from "./BubbleCursor.js";
import type { PreparedBubble } from "./PreparedBubble.js";

/** What one step of the state machine reads besides the state and the bubbles. */
export interface TransitionInput {
  /** The current tick. */
  readonly tick: number;
  /** Every vehicle now (any order). */
  readonly vehicles: readonly BubbleVehicle[];
  /** Names of the traffic providers (owners that bubbles may take vehicles from). */
  readonly providers: ReadonlySet<string>;
  /** Whether a lane id is a normal (non-junction) lane. */
  readonly normalLane: (laneId: string) => boolean;
  /** The vehicle with this id now, if any (default: looked up in `vehicles`). */
  readonly vehicle?: (id: string) => BubbleVehicle | undefined;
}

/** The transitions of one step and the state after them. */
export interface TransitionResult {
  readonly transitions: BubbleTransition[];
  readonly next: BubblesState;
  /** Per bubble: whether it was active (placed) this step. */
  readonly active: readonly boolean[];
}

interface Candidate {
  readonly v: BubbleVehicle;
  readonly cls: 0 | 1 | 2;
}

/** One step of the bubble state machine; see the file comment. */
export function computeTransitions(
  prev: BubblesState,
  input: TransitionInput,
  bubbles: readonly PreparedBubble[],
): TransitionResult {
  const nb = bubbles.length;
  if (prev.cursors.length !== nb)
    throw new Error(`bubble state has ${prev.cursors.length} bubbles, the scenario ${nb}`);
  const { tick, vehicles } = input;

  // Which bubble holds each held vehicle.
  const holder = new Map<string, number>();
  for (let b = 0; b < nb; b++) for (const id of prev.cursors[b].keys()) holder.set(id, b);

  // Place each bubble; a following bubble whose target is gone is off this step.
  const active: boolean[] = new Array(nb).fill(false);
  const byFollowId = new Map<string, number[]>();
  for (let b = 0; b < nb; b++) {
    const B = bubbles[b];
    if (tick < B.beginTick || tick >= B.endTick) continue;
    if (B.followId === null) active[b] = true;
    else {
      const list = byFollowId.get(B.followId);
      if (list) list.push(b);
      else byFollowId.set(B.followId, [b]);
    }
  }
  const vehicle = input.vehicle ?? lookup(vehicles);
  for (const [id, bs] of byFollowId) {
    const v = vehicle(id);
    if (!v) continue;
    for (const b of bs) {
      const B = bubbles[b];
      B.shape.placeRelative(B.outline, v.x, v.y, v.headingRad, B.spec.follow!.offsetM);
      active[b] = true;
    }
  }

  // What each active bubble sees (one pass over the vehicles), and where its held vehicles are:
  // those outside it (or it inactive) with class 0. Each list is sorted by id below.
  const seen: Candidate[][] = Array.from({ length: nb }, () => []);
  for (let i = 0; i < vehicles.length; i++) {
    const v = vehicles[i];
    for (let b = 0; b < nb; b++) {
      if (!active[b]) continue;
      const cls = bubbles[b].shape.classify(v.x, v.y);
      if (cls > 0) seen[b].push({ v, cls });
    }
  }
  for (const [id, b] of holder) {
    const v = vehicle(id);
    if (v !== undefined && (!active[b] || bubbles[b].shape.classify(v.x, v.y) === 0)) seen[b].push({ v, cls: 0 });
  }

  const transitions: BubbleTransition[] = [];
  const cursors: Map<string, BubbleCursor>[] = [];
  const minted = [...prev.minted];
  const released = new Set<string>();
  for (let b = 0; b < nb; b++) {
    const B = bubbles[b];
    const old = prev.cursors[b];
    const next = new Map<string, BubbleCursor>();
    const emit = (
      vehicleId: string,
      kind: BubbleTransition["kind"],
      from: CursorState | null,
      to: CursorState | null,
      agentId: string | null,
      detail?: BubbleTransition["detail"],
    ) =>
      transitions.push({
        bubble: b,
        bubbleName: B.name,
        vehicleId,
        kind,
        from,
        to,
        agentId,
        ...(detail && { detail }),
      });
    const list = seen[b].sort((p, q) => (p.v.id < q.v.id ? -1 : p.v.id > q.v.id ? 1 : 0));
    const where = new Map<string, Candidate>();
    for (const c of list) where.set(c.v.id, c);
    let controlled = 0;
    for (const c of old.values()) if (c.state === "controlled") controlled++;

    // Held vehicles, sorted by id: releases, exits, promotions.
    const heldIds = [...old.keys()].sort();
    const promote: string[] = [];
    for (const id of heldIds) {
      const cur = old.get(id)!;
      const at = where.get(id);
      if (!at || !active[b] || at.cls === 0) {
        const detail = !at ? "gone" : !active[b] ? "inactive" : undefined;
        if (cur.state === "controlled") controlled--;
        if (cur.state !== "spent") emit(id, "airlockExited", cur.state, null, cur.agentId, detail);
        if (at) released.add(id);
        continue;
      }
      if (cur.state === "controlled" && at.v.owner !== cur.owner) {
        controlled--;
        emit(id, "airlockExited", "controlled", "spent", cur.agentId, "lost");
        next.set(id, { ...cur, state: "spent", inZone: at.cls === 2 });
        continue;
      }
      if (cur.state === "shadowing" && !input.providers.has(at.v.owner)) {
        // Someone else took it (not this bubble): forget it without a release.
        emit(id, "airlockExited", "shadowing", null, cur.agentId, "lost");
        continue;
      }
      const inZone = at.cls === 2;
      if (cur.state === "controlled" && cur.inZone && !inZone)
        emit(id, "exited", "controlled", "controlled", cur.agentId);
      else if (cur.state === "controlled" && !cur.inZone && inZone)
        emit(id, "entered", "controlled", "controlled", cur.agentId);
      next.set(id, { ...cur, inZone });
      if (cur.state === "shadowing" && inZone) promote.push(id);
    }
    const tryControl = (id: string): void => {
      const cur = next.get(id)!;
      if (controlled >= B.hijack) return;
      let agentId = cur.agentId;
      let owner: string;
      const actor = B.spec.actor;
      if (actor.kind === "agent") {
        if (minted[b] >= B.learnerIds) return;
        agentId = `${B.name}-${minted[b]++}`;
        owner = `agent:${agentId}`;
      } else if (actor.kind === "zoo") owner = `social:${agentId}`;
      else owner = actor.provider;
      controlled++;
      next.set(id, { state: "controlled", inZone: true, agentId, owner });
      emit(id, "entered", "shadowing", "controlled", agentId);
    };
    for (const id of promote) tryControl(id);

    // Newcomers, sorted by id.
    if (active[b]) {
      for (const c of list) {
        const id = c.v.id;
        if (c.cls === 0 || holder.has(id) || next.has(id) || released.has(id)) continue;
        if (holding(next) >= B.shadow) break;
        if (!admissible(B, c.v, input, minted[b])) continue;
        let agentId: string | null = null;
        if (B.spec.actor.kind === "zoo") agentId = `${B.name}-${minted[b]++}`;
        next.set(id, { state: "shadowing", inZone: c.cls === 2, agentId, owner: null });
        holder.set(id, b);
        emit(id, "airlockEntered", null, "shadowing", agentId);
        if (c.cls === 2) tryControl(id);
      }
    }
    for (const id of old.keys()) if (!next.has(id)) holder.delete(id);
    cursors.push(next);
  }
  return { transitions, next: { cursors, minted }, active };
}

/** Vehicles a bubble shadows or controls (spent cursors hold nothing). */
function holding(cursors: ReadonlyMap<string, BubbleCursor>): number {
  let n = 0;
  for (const c of cursors.values()) if (c.state !== "spent") n++;
  return n;
}

function admissible(B: PreparedBubble, v: BubbleVehicle, input: TransitionInput, minted: number): boolean {
  if (!input.providers.has(v.owner)) return false;
  if (v.id === B.followId) return false;
  for (const p of B.spec.excludePrefixes) if (v.id.startsWith(p)) return false;
  const actor = B.spec.actor;
  if (actor.kind === "traffic") return v.owner !== actor.provider;
  if (actor.kind === "agent" && minted >= B.learnerIds) return false;
  return input.normalLane(v.laneId);
}

/** Vehicles by id, for inputs that give no lookup. */
function lookup(vehicles: readonly BubbleVehicle[]): (id: string) => BubbleVehicle | undefined {
  const byId = new Map<string, BubbleVehicle>();
  for (const v of vehicles) byId.set(v.id, v);
  return (id) => byId.get(id);
}
