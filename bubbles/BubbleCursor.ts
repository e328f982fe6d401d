/**
 * The bubble state machine's data (docs/bubbles.md): one cursor per (bubble, vehicle) the bubble
 * holds, the per-bubble agent-id counters, and the transitions between states. Plain, immutable,
 * structured-cloneable data: the state is part of simulation snapshots.
 *
 * ```
 *            airlockEntered            entered
 *  (none) ─────────────────▶ shadowing ───────▶ controlled ⇄ (in zone / in ring: entered / exited)
 *     ▲                          │                   │
 *     └──── airlockExited ───────┴───────────────────┘         controlled ──lost──▶ spent ──(leaves)──▶ (none)
 * ```
 */
import type { BubbleTransitionKind } from "../core/simulation/SimEvent.js";

/** How a bubble holds a vehicle. */
export type CursorState = "shadowing" | "controlled" | "spent";

/** One (bubble, vehicle) cursor. */
export interface BubbleCursor {
  readonly state: CursorState;
  /** Whether the vehicle was inside the zone (not just the ring) at the last step. */
  readonly inZone: boolean;
  /** The actor's agent id for this vehicle (zoo agents from airlock entry, learners from control), else null. */
  readonly agentId: string | null;
  /** The owner name the actor drives it under once controlled (`social:<id>`, `agent:<id>`, a provider). */
  readonly owner: string | null;
}

/** The whole bubble state. */
export interface BubblesState {
  /** Per bubble (scenario order): vehicle id → cursor. */
  readonly cursors: readonly ReadonlyMap<string, BubbleCursor>[];
  /** Per bubble: agent ids minted so far (`<bubble>-<n>`). */
  readonly minted: readonly number[];
}

/** One transition of one vehicle in one bubble. */
export interface BubbleTransition {
  /** Bubble index (scenario order) and name. */
  readonly bubble: number;
  readonly bubbleName: string;
  readonly vehicleId: string;
  readonly kind: BubbleTransitionKind;
  /** State before and after (null: not held). */
  readonly from: CursorState | null;
  readonly to: CursorState | null;
  readonly agentId: string | null;
  readonly detail?: "inactive" | "gone" | "lost";
}

/** The state before any step: nothing held. */
export function emptyBubblesState(bubbleCount: number): BubblesState {
  return {
    cursors: Array.from({ length: bubbleCount }, () => new Map()),
    minted: new Array<number>(bubbleCount).fill(0),
  };
}
