/**
 * Fixed-time traffic-light programs (SUMO `tlLogic`, or a generator's signals) evaluated at a tick:
 * which state string each light shows. Actuated and delay-based SUMO programs run as fixed-time
 * here (their nominal phase durations).
 *
 * SUMO's `offset` is the time at which the first phase begins (`offset = 10` → phase 0 starts at
 * t = 10 s), so the position in the cycle at time t is `(t − offset) mod cycle`.
 *
 * Time is computed from the integer tick (`tick · dtS`), never accumulated, so every evaluation of
 * the same tick agrees bit for bit.
 */
import type { RoadNetwork } from "./RoadNetwork.js";
import type { SignalProgramSpec } from "./RoadNetworkSpec.js";

interface CompiledProgram {
  id: string;
  offsetS: number;
  cycleS: number;
  /** Phase end times within the cycle (s), ascending. */
  ends: Float64Array;
  states: string[];
}

/** The signal programs of one network. */
export class SignalSchedule {
  private readonly programs: CompiledProgram[];
  /** Light id → state at the last `update`. */
  private readonly current = new Map<string, string>();

  constructor(programs: Iterable<SignalProgramSpec>) {
    this.programs = [...programs]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((p) => {
        const ends = new Float64Array(p.phases.length);
        let t = 0;
        p.phases.forEach((ph, i) => {
          t += ph.durationS;
          ends[i] = t;
        });
        return { id: p.id, offsetS: p.offsetS, cycleS: t, ends, states: p.phases.map((ph) => ph.state) };
      });
    this.update(0);
  }

  /** The schedule of `net`'s signal programs. */
  static of(net: RoadNetwork): SignalSchedule {
    return new SignalSchedule(net.signals.values());
  }

  /** Number of lights. */
  get size(): number {
    return this.programs.length;
  }

  /** State string of light `id` at time `timeS` (s). */
  stateAt(id: string, timeS: number): string | undefined {
    const p = this.programs.find((q) => q.id === id);
    return p ? phaseState(p, timeS) : undefined;
  }

  /** Evaluates every light at `timeS` (s); the result is what {@link states} returns until the next update. */
  update(timeS: number): ReadonlyMap<string, string> {
    for (const p of this.programs) this.current.set(p.id, phaseState(p, timeS));
    return this.current;
  }

  /** Light id → state string, as of the last {@link update}. The map is reused; copy it to keep it. */
  states(): ReadonlyMap<string, string> {
    return this.current;
  }
}

function phaseState(p: CompiledProgram, timeS: number): string {
  let t = (timeS - p.offsetS) % p.cycleS;
  if (t < 0) t += p.cycleS;
  // Phases are few (typically 4–8): a linear scan beats a binary search.
  for (let i = 0; i < p.ends.length; i++) if (t < p.ends[i]) return p.states[i];
  return p.states[p.states.length - 1];
}

/** What a signal state character means for a vehicle: `go`, `yield` (green minor / flashing), `stop` (red, yellow), or `off`. */
export function signalMeaning(ch: string): "go" | "yield" | "stop" | "off" {
  switch (ch) {
    case "G":
      return "go";
    case "g":
    case "o":
    case "s":
      return "yield";
    case "O":
      return "off";
    default:
      return "stop"; // r, y, u (red-yellow)
  }
}
