/**
 * The simulation's bubble phase (DESIGN.md §4 phase 5, §6): each step it runs the pure state
 * machine ({@link computeTransitions}) on this tick's vehicles and applies the transitions through
 * {@link applyTransitions}. The composition root (`compose/makeEnv`) builds one per simulation of a
 * scenario with bubbles and hands it over as `SimulationOptions.bubbles`.
 *
 * It holds the state machine's state (part of simulation snapshots), the bubbles' placed zones (the
 * frame's `bubbles`, for viewers and replays) and the wall time of its last steps (benchmarks).
 */
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { BubbleHost, BubbleZoneView, SimulationBubbles } from "../core/simulation/BubblePhase.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import { applyTransitions } from "./applyTransitions.js";
import { emptyBubblesState, type BubbleCursor, type BubblesState } from "./BubbleCursor.js";
import { computeTransitions } from "./computeTransitions.js";
import { learnerIdsOf, prepareBubbles, type BubbleOptions, type PreparedBubble } from "./PreparedBubble.js";

/** The bubble state as plain data (simulation snapshots). */
export interface BubbleManagerSnapshot {
  cursors: [string, BubbleCursor][][];
  minted: number[];
  active: boolean[];
}

/** The bubbles of one simulation. */
export class BubbleManager implements SimulationBubbles {
  /** The scenario's bubbles, prepared (scenario order). */
  readonly bubbles: readonly PreparedBubble[];
  private stateValue: BubblesState;
  private active: readonly boolean[];
  private zoneViews: BubbleZoneView[] | null = null;
  private readonly fixedViews = new Map<number, BubbleZoneView>();
  private readonly normalLanes = new Map<string, boolean>();
  private providerSet: ReadonlySet<string> = new Set();

  constructor(
    scenario: Pick<CompiledScenario, "bubbles" | "dtS">,
    private readonly network: RoadNetwork,
    options: BubbleOptions = {},
  ) {
    this.bubbles = prepareBubbles(scenario.bubbles, network, scenario.dtS, options);
    this.stateValue = emptyBubblesState(this.bubbles.length);
    this.active = new Array(this.bubbles.length).fill(false);
  }

  /** The state machine's state now. */
  get state(): BubblesState {
    return this.stateValue;
  }

  reset(host: BubbleHost): void {
    const names = host.providerNames();
    for (const b of this.bubbles) {
      const a = b.spec.actor;
      if (a.kind === "traffic" && !names.includes(a.provider)) {
        throw new Error(
          `bubble "${b.name}" hands vehicles to traffic provider "${a.provider}", which this simulation lacks (providers: ${names.join(", ") || "none"})`,
        );
      }
      if (a.kind !== "traffic" && !host.social)
        throw new Error(
          `bubble "${b.name}": its ${a.kind === "zoo" ? "zoo policy" : "learning agents"} need social agents (SimulationOptions.social)`,
        );
    }
    this.providerSet = new Set(names);
    this.stateValue = emptyBubblesState(this.bubbles.length);
    this.active = new Array(this.bubbles.length).fill(false);
    this.zoneViews = null;
  }

  async step(host: BubbleHost): Promise<void> {
    const r = computeTransitions(
      this.stateValue,
      {
        tick: host.tick(),
        vehicles: host.vehicles(),
        vehicle: (id) => host.vehicle(id),
        providers: this.providerSet,
        normalLane: (id) => this.isNormalLane(id),
      },
      this.bubbles,
    );
    this.active = r.active;
    this.zoneViews = null;
    this.stateValue = r.next;
    if (r.transitions.length === 0) return;
    const refused = await applyTransitions(r.transitions, this.bubbles, host);
    if (refused.length === 0) return;
    const cursors = r.next.cursors.map((m) => new Map(m));
    for (const x of refused) {
      const c = cursors[x.bubble].get(x.vehicleId)!;
      cursors[x.bubble].set(x.vehicleId, { ...c, state: "spent" });
    }
    this.stateValue = { cursors, minted: r.next.minted };
  }

  zones(): readonly BubbleZoneView[] {
    if (this.zoneViews) return this.zoneViews;
    const out: BubbleZoneView[] = [];
    for (const b of this.bubbles) {
      if (!this.active[b.index]) continue;
      const fixed = b.followId === null;
      let view = fixed ? this.fixedViews.get(b.index) : undefined;
      if (!view) {
        const airlock = b.shape.airlockOutline();
        view = { id: b.name, zone: b.shape.outline(), ...(airlock && { airlock }) };
        if (fixed) this.fixedViews.set(b.index, view);
      }
      out.push(view);
    }
    this.zoneViews = out;
    return out;
  }

  learnerIds(): readonly string[] {
    return learnerIdsOf(this.bubbles);
  }

  snapshot(): BubbleManagerSnapshot {
    return {
      cursors: this.stateValue.cursors.map((m) => [...m.entries()].map(([k, v]) => [k, { ...v }])),
      minted: [...this.stateValue.minted],
      active: [...this.active],
    };
  }

  restore(state: unknown): void {
    const s = state as BubbleManagerSnapshot;
    if (!s || !Array.isArray(s.cursors) || s.cursors.length !== this.bubbles.length)
      throw new Error(`bubble snapshot does not match this scenario's ${this.bubbles.length} bubbles`);
    this.stateValue = { cursors: s.cursors.map((e) => new Map(e)), minted: [...s.minted] };
    this.active = [...s.active];
    this.zoneViews = null;
    // Moving zones are re-placed at the next step; until then the restored frame shows its own.
  }

  private isNormalLane(id: string): boolean {
    let v = this.normalLanes.get(id);
    if (v === undefined) {
      const lane = id ? this.network.lane(id) : undefined;
      v = lane !== undefined && !lane.isInternal;
      this.normalLanes.set(id, v);
    }
    return v;
  }
}
