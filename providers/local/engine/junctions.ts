/**
 * Step phase *junctions* (sequential, main thread): right of way at every contested link, from the
 * registrations each vehicle made while perceiving (perceive.ts).
 *
 * 1. Registration. Each registration gets its flags — inside the junction, forced (cannot stop before
 *    the line any more), committed (stopping would block the junction just left), allowed by its
 *    signal, waiting at the line — and joins its link's tables: the *claims* (vehicles inside, forced
 *    or committed; later, those that decide to enter this step) and the *approach* (the nearest few
 *    vehicles before the line, by distance: a link has one lane in, so they come in that order).
 *    A registration's time window — when the front reaches the line (optimistic: full acceleration),
 *    when the rear has cleared the junction (pessimistic: ¾ of it; unbounded for a vehicle standing
 *    inside) — and its windows for each conflict zone are computed on demand.
 * 2. Decisions, in order: vehicles that cannot stop, then the committed ones, then those waiting at
 *    their line longest-first, then by arrival; ties by sequence number. A vehicle may enter its next
 *    link ({@link Junctions.open}) when its signal lets it, no foe link holds a claim whose zone window
 *    overlaps its own, no link it must yield to has an undecided vehicle arriving before it has
 *    cleared (plus a time gap), a U-turn or a long body's swing touches nobody beside it, and there is
 *    room behind the junction. The further contested links within its decision range are decided
 *    with the first: it passes up to the first closed one and stops at its line — or at the line
 *    before, where the two are too close to stand between.
 *
 * Work per vehicle is bounded: a decision looks at each foe link's claims (the vehicles in or
 * entering that link) and at each yield link's nearest approaching vehicles — never at everyone
 * registered. Because the earliest undecided vehicle is never held by a later one, some vehicle
 * always goes: waiting cycles (four arms of right before left) resolve without a timer.
 */
import type { JunctionLink, LaneData } from "../LocalNetwork.js";
import { signalMeaning } from "../../../core/road/SignalSchedule.js";
import { timeToCover } from "../IdmModel.js";
import { bodiesMeet, bodyMeetsLaneSpan, Sweeps } from "./bodySweep.js";
import { QUEUE_MARGIN_M, REG_COMMITTED, STANDING_MPS } from "./perceive.js";
import type { TrafficState } from "./TrafficState.js";
import { MAX_REGS, PATH_CAPACITY, PathEnd, SlotKind } from "./VehicleColumns.js";

/** Time gap kept to vehicles one must yield to (s) — SUMO's jmTimegapMinor. */
export const YIELD_GAP_S = 1;
/** Time margin between overlapping claims (s). */
export const CLAIM_GAP_S = 0.5;
/** Leaders behind the junction faster than this leave room anyway (m/s). */
const MOVING_LEADER_MPS = 3;
/** Lanes looked along behind a link for room to stand in (the exit lane and what follows it on the path). */
const SPACE_LANES = 6;
/** Share of its maximum acceleration a vehicle is assumed to clear a junction with (pessimistic). */
const CLEAR_ACCEL_SHARE = 0.75;
/** A vehicle within this of its stop line, slower than STANDING_MPS, waits at the line (m). */
const AT_LINE_M = 4;
/** A vehicle waiting this long at its line no longer waits for priority vehicles that can still stop (s). */
export const IMPATIENT_AFTER_S = 20;
/** Nearest approaching vehicles kept per link for yield checks. */
const APPROACH_KEPT = 4;
/** How far before its lane's end a vehicle beside a U-turn is checked (m). */
const BESIDE_U_TURN_M = 15;
/** Vehicles longer than this each way are checked against near lanes (m): trucks, buses, trailers. */
const LONG_HALF_LENGTH_M = 2.2;
/**
 * Near lanes are checked once the long vehicle is within its comfortable stopping distance plus this
 * of its line, for vehicles there within their own stopping distance plus this of theirs (m).
 */
const NEAR_DECIDE_M = 8;
/** Precision of {@link Junctions.swingGaps} (m). */
const SWING_GAP_TOLERANCE_M = 0.25;
/** What is assumed of a foreign vehicle's braking (m/s²). */
export const FOREIGN_DECEL_MPS2 = 4.5;

/** Why a link is closed for a vehicle (Junctions.closedBy). */
const Closed = { Open: 0, Signal: 1, StopFirst: 2, Claim: 3, Yield: 4, UTurnSwing: 5, NearLane: 6, NoRoom: 7 } as const;
const CLOSED_NAMES = ["open", "signal", "stop first", "claim", "yield", "U-turn swing", "near lane", "no room"];

// Registration flags.
const INSIDE = 1;
const FORCED = 2;
const COMMITTED = 4;
const MAY_PASS = 8;
const AT_LINE = 16;
const DECIDED = 32;
const PASS = 64;

export class Junctions {
  /** Per registration (slot · MAX_REGS + k): flags, cached windows, hold, decision key. */
  private flags = new Uint8Array(0);
  private arrive = new Float64Array(0);
  private leave = new Float64Array(0);
  private holdFrontM = new Float64Array(0);
  private key = new Float64Array(0);
  /** Per link: the step its tables are of; claims; the approach (APPROACH_KEPT per link, nearest first). */
  private readonly stamp: Int32Array;
  /**
   * Claims per link, in the order they were made, as linked lists through one pool (a registration
   * may claim more than once): the first entry of a link's list, its last, and per entry its
   * registration and the next entry (−1: none). Arrays per link would be emptied and refilled every
   * step — on a city, tens of thousands of small allocations a step.
   */
  private readonly claimFirst: Int32Array;
  private readonly claimLast: Int32Array;
  private claimReg = new Int32Array(256);
  private claimNext = new Int32Array(256);
  private claimCount = 0;
  private readonly approach: Int32Array;
  private readonly approachCount: Int32Array;
  /** Signal per link this step (char code; 0: none or unknown), and the state strings they came from. */
  private readonly signal: Uint16Array;
  private readonly lights: string[] = [];
  private readonly lightLinks: JunctionLink[][] = [];
  /** Per light (as `lights`): its state at the last step, undefined when unknown. */
  private readonly lastStates: (string | undefined)[] = [];
  /** Per lane: length entering it this step through decided links (m); stamped. */
  private readonly enterM: Float64Array;
  private readonly enterStamp: Int32Array;
  /** Per link: length entering its exit lane through it this step (m); stamped. */
  private readonly linkEnterM: Float64Array;
  private readonly linkEnterStamp: Int32Array;
  private deciders: number[] = [];
  private readonly group: number[] = [];
  /** A decision group, its first registration at 0 (scratch of settle). */
  private readonly nth = new Int32Array(MAX_REGS + 1);
  /** Per group member (scratch of settle): the last link of the run of too-close links it starts. */
  private readonly chainEnd = new Int32Array(MAX_REGS + 1);
  /**
   * For the link being decided: how far its vehicle's front goes before its rear clears the run of
   * junctions too close to stand between that entering it commits it to (m), or −1 when it is no such run.
   */
  private chainAheadM = -1;
  readonly sweeps = new Sweeps();
  private tick = -1;
  private st!: TrafficState;
  /** The vehicle that closed a link in the last {@link closedBy}, or −1. */
  private blocker = -1;

  constructor(st: TrafficState) {
    const links = st.net.links;
    this.stamp = new Int32Array(links.length).fill(-1);
    this.claimFirst = new Int32Array(links.length);
    this.claimLast = new Int32Array(links.length);
    this.approach = new Int32Array(APPROACH_KEPT * links.length);
    this.approachCount = new Int32Array(links.length);
    this.signal = new Uint16Array(links.length);
    const linksOfLight = new Map<string, JunctionLink[]>();
    for (const link of links) {
      if (link.tlId === undefined) continue;
      let list = linksOfLight.get(link.tlId);
      if (list === undefined) linksOfLight.set(link.tlId, (list = []));
      list.push(link);
    }
    for (const [tl, list] of linksOfLight) {
      this.lights.push(tl);
      this.lightLinks.push(list);
      this.lastStates.push(undefined);
    }
    this.enterM = new Float64Array(st.net.lanes.length);
    this.enterStamp = new Int32Array(st.net.lanes.length).fill(-1);
    this.linkEnterM = new Float64Array(links.length);
    this.linkEnterStamp = new Int32Array(links.length).fill(-1);
    this.st = st;
  }

  /** Forgets signal states (a new episode). */
  reset(): void {
    this.lastStates.fill(undefined);
    this.signal.fill(0);
    this.stamp.fill(-1);
    this.enterStamp.fill(-1);
    this.linkEnterStamp.fill(-1);
  }

  /**
   * Runs the phase: registrations of the driven vehicles (`st.order`) and the foreign ones, then the
   * decisions; writes each decided vehicle's `stopLink` / `stopDistM`, and `swingGapM` of vehicles
   * driving up to a near lane's line.
   */
  run(st: TrafficState, tick: number, signals: ReadonlyMap<string, string>): void {
    this.st = st;
    this.tick = tick;
    this.updateSignals(signals);
    const n = st.cols.capacity * MAX_REGS;
    if (this.flags.length < n) this.growRegs(n);
    const c = st.cols;
    const deciders = this.deciders;
    deciders.length = 0;
    this.claimCount = 0;
    for (let i = 0; i < st.count; i++) {
      const v = st.order[i];
      this.registerAll(v);
      if (c.decider[v] >= 0) deciders.push(v * MAX_REGS + c.decider[v]);
    }
    for (const v of st.foreign) this.registerAll(v);
    this.decide();
    this.swingGaps();
  }

  private growRegs(n: number): void {
    this.flags = new Uint8Array(n);
    this.arrive = new Float64Array(n);
    this.leave = new Float64Array(n);
    this.holdFrontM = new Float64Array(n);
    this.key = new Float64Array(n);
  }

  private updateSignals(signals: ReadonlyMap<string, string>): void {
    // By index over arrays made once: a Map's entry iterator allocates a pair per light and step.
    const lights = this.lights;
    const last = this.lastStates;
    for (let i = 0; i < lights.length; i++) {
      const state = signals.get(lights[i]);
      if (state === last[i]) continue;
      last[i] = state;
      const links = this.lightLinks[i];
      for (let k = 0; k < links.length; k++) {
        const link = links[k];
        this.signal[link.index] =
          state !== undefined && link.linkIndex < state.length ? state.charCodeAt(link.linkIndex) : 0;
      }
    }
  }

  /** The current signal character of `link` ('' when it has none or the light is unknown). */
  signalChar(link: number): string {
    const code = this.signal[link];
    return code === 0 ? "" : String.fromCharCode(code);
  }

  private touch(link: number): void {
    if (this.stamp[link] === this.tick) return;
    this.stamp[link] = this.tick;
    this.claimFirst[link] = -1;
    this.claimLast[link] = -1;
    this.approachCount[link] = 0;
  }

  /** Appends registration `r` to the claims of `link` (touched this step). */
  private addClaim(link: number, r: number): void {
    const e = this.claimCount++;
    if (e === this.claimReg.length) {
      const reg = new Int32Array(2 * e);
      reg.set(this.claimReg);
      this.claimReg = reg;
      const next = new Int32Array(2 * e);
      next.set(this.claimNext);
      this.claimNext = next;
    }
    this.claimReg[e] = r;
    this.claimNext[e] = -1;
    const last = this.claimLast[link];
    if (last < 0) this.claimFirst[link] = e;
    else this.claimNext[last] = e;
    this.claimLast[link] = e;
  }

  /** Whether `link` has any registration this step. */
  private busy(link: number): boolean {
    return this.stamp[link] === this.tick;
  }

  private registerAll(v: number): void {
    const c = this.st.cols;
    const n = c.regCount[v];
    for (let k = 0; k < n; k++) this.register(v * MAX_REGS + k, v);
  }

  private register(r: number, v: number): void {
    const st = this.st;
    const c = st.cols;
    const link = c.regLink[r];
    const d = c.regDFrontM[r];
    const speed = c.speedMps[v];
    this.arrive[r] = NaN;
    this.leave[r] = NaN;
    this.holdFrontM[r] = Infinity;
    let f = (c.regFlags[r] & REG_COMMITTED) !== 0 ? COMMITTED : 0;
    if (d < 0) f |= INSIDE | FORCED | MAY_PASS;
    else {
      const needDecel = (speed * speed) / (2 * (d > 0.01 ? d : 0.01));
      if (needDecel > c.maxDecelMps2[v]) f |= FORCED;
      const code = this.signal[link];
      if (code !== 0 && isStop(code)) {
        if (code === 121 /* y */ ? needDecel > c.decelMps2[v] : (f & FORCED) !== 0) f |= MAY_PASS;
      } else f |= MAY_PASS;
      if (speed < STANDING_MPS && d < AT_LINE_M) f |= AT_LINE;
    }
    this.flags[r] = f;
    this.touch(link);
    // A committed vehicle its signal stops claims nothing: it waits (and decides again when it may go).
    if ((f & (INSIDE | FORCED)) !== 0 || (f & (COMMITTED | MAY_PASS)) === (COMMITTED | MAY_PASS))
      this.addClaim(link, r);
    if ((f & INSIDE) === 0) this.addApproach(link, r);
  }

  /** Keeps `r` among its link's nearest approaching registrations (by distance to the line; ties by sequence). */
  private addApproach(link: number, r: number): void {
    const c = this.st.cols;
    const at = APPROACH_KEPT * link;
    let n = this.approachCount[link];
    const d = c.regDFrontM[r];
    const seq = c.seq[(r / MAX_REGS) | 0];
    let k = n;
    while (k > 0) {
      const o = this.approach[at + k - 1];
      const od = c.regDFrontM[o];
      if (od < d || (od === d && c.seq[(o / MAX_REGS) | 0] < seq)) break;
      k--;
    }
    if (k >= APPROACH_KEPT) return;
    if (n === APPROACH_KEPT) n--;
    for (let j = n; j > k; j--) this.approach[at + j] = this.approach[at + j - 1];
    this.approach[at + k] = r;
    this.approachCount[link] = n + 1;
  }

  // Windows (s from now), as the old arbiter defined them; see the module comment.

  private crossSpeed(v: number, link: number): number {
    const c = this.st.cols;
    const lim = this.st.index.linkFirstSpeed[link] * c.speedFactor[v];
    return lim < c.maxSpeedMps[v] ? lim : c.maxSpeedMps[v];
  }

  /** When the front reaches the stop line (−1 inside): optimistic, full acceleration. */
  private arriveS(r: number): number {
    let a = this.arrive[r];
    if (Number.isNaN(a)) {
      const v = (r / MAX_REGS) | 0;
      const c = this.st.cols;
      const link = c.regLink[r];
      a = this.arrive[r] =
        (this.flags[r] & INSIDE) !== 0
          ? -1
          : timeToCover(c.regDFrontM[r], c.speedMps[v], c.accelMps2[v], this.crossSpeed(v, link));
    }
    return a;
  }

  /** When the rear clears the junction: pessimistic; unbounded for a vehicle standing inside (or held). */
  private leaveS(r: number): number {
    let l = this.leave[r];
    if (Number.isNaN(l)) {
      const v = (r / MAX_REGS) | 0;
      const c = this.st.cols;
      const link = c.regLink[r];
      const clearM = c.regDFrontM[r] + this.st.index.linkViaLength[link] + c.lengthM[v];
      const speed = c.speedMps[v];
      const cross = this.crossSpeed(v, link);
      l = this.leave[r] =
        ((this.flags[r] & INSIDE) !== 0 && speed < STANDING_MPS) || clearM > this.holdFrontM[r]
          ? Infinity
          : timeToCover(clearM, speed < cross ? speed : cross, CLEAR_ACCEL_SHARE * c.accelMps2[v], cross);
    }
    return l;
  }

  /** When the front reaches `inM` past the stop line (−1 when there already): optimistic. */
  private arriveAt(r: number, inM: number): number {
    const v = (r / MAX_REGS) | 0;
    const c = this.st.cols;
    const d = c.regDFrontM[r] + inM;
    return d <= 0 ? -1 : timeToCover(d, c.speedMps[v], c.accelMps2[v], this.crossSpeed(v, c.regLink[r]));
  }

  /** When the rear passes `outM` past the stop line (−Infinity when it has): pessimistic; unbounded standing inside. */
  private leaveAt(r: number, outM: number): number {
    const v = (r / MAX_REGS) | 0;
    const c = this.st.cols;
    const d = c.regDFrontM[r] + outM + c.lengthM[v];
    if (d <= 0) return -Infinity;
    const speed = c.speedMps[v];
    if (((this.flags[r] & INSIDE) !== 0 && speed < STANDING_MPS) || d > this.holdFrontM[r]) return Infinity;
    const cross = this.crossSpeed(v, c.regLink[r]);
    return timeToCover(d, speed < cross ? speed : cross, CLEAR_ACCEL_SHARE * c.accelMps2[v], cross);
  }

  /** Its vehicle will stop with its front `frontM` ahead: where its body then still covers this junction, its windows have no end. */
  private hold(r: number, frontM: number): void {
    this.holdFrontM[r] = frontM;
    this.leave[r] = NaN;
  }

  private decide(): void {
    const st = this.st;
    const c = st.cols;
    const list = this.deciders;
    const group = this.group;
    // Links with nobody at their foe links have nothing to arbitrate: decided at once, in any order
    // (no one reads their claims). The rest go in the decision order.
    let m = 0;
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      const extra = this.groupOf(r, group);
      let quiet = this.quiet(c.regLink[r]);
      for (let k = 0; k < extra && quiet; k++) quiet = this.quiet(c.regLink[group[k]]);
      if (quiet) this.settle(r, group, extra);
      else {
        const f = this.flags[r];
        const v = (r / MAX_REGS) | 0;
        // A vehicle that decided last step to enter this link keeps its turn, so that two vehicles
        // starting together do not take turns at deciding to go (and creep into each other's way).
        this.key[r] =
          (f & FORCED) !== 0
            ? -2e9 + this.arriveS(r)
            : (f & COMMITTED) !== 0
              ? -1e9 + this.arriveS(r)
              : c.passLink[v] === c.regLink[r]
                ? -0.5e9 + this.arriveS(r)
                : (f & AT_LINE) !== 0
                  ? -c.waitS[v]
                  : this.arriveS(r);
        list[m++] = r;
      }
    }
    list.length = m;
    const key = this.key;
    const seq = c.seq;
    // A total order (keys may be Infinity: a standing vehicle's arrival), so any correct sort agrees.
    list.sort((a, b) =>
      key[a] < key[b] ? -1 : key[a] > key[b] ? 1 : seq[(a / MAX_REGS) | 0] - seq[(b / MAX_REGS) | 0],
    );
    for (let i = 0; i < m; i++) this.settle(list[i], group, this.groupOf(list[i], group));
  }

  /** Whether no foe or response link of `link` has a registration this step. */
  private quiet(link: number): boolean {
    const idx = this.st.index;
    const conflicts = idx.linkConflicts;
    const end = idx.linkConflictStart[link + 1];
    const stamp = this.stamp;
    const tick = this.tick;
    for (let k = idx.linkConflictStart[link]; k < end; k++) if (stamp[conflicts[k]] === tick) return false;
    return true;
  }

  /** The registrations after `r` on its vehicle's path decided with it (within its decision range), into `out`. */
  private groupOf(r: number, out: number[]): number {
    const v = (r / MAX_REGS) | 0;
    const c = this.st.cols;
    const n = c.regCount[v];
    const look = c.decideLookM[v];
    let count = 0;
    for (let k = r - v * MAX_REGS + 1; k < n; k++) {
      const next = v * MAX_REGS + k;
      if (c.regDFrontM[next] > look) break;
      out[count++] = next;
    }
    return count;
  }

  /**
   * Decides a vehicle's next contested link `r` and the `extra` further ones in `group` (path order):
   * it passes up to the first closed one and stops there — or before the link ahead of that one, when
   * the two are too close to stand between (never before a link it cannot stop for).
   */
  private settle(r: number, group: number[], extra: number): void {
    const st = this.st;
    const c = st.cols;
    const v = (r / MAX_REGS) | 0;
    const nth = this.nth;
    nth[0] = r;
    for (let k = 0; k < extra; k++) nth[k + 1] = group[k];
    // Runs of links too close together to stand between: entering the first of such a run commits the
    // vehicle to the whole run (chainAheadM: how far its front goes before its rear clears the run).
    const room = c.lengthM[v] + c.minGapM[v] + 1;
    const chainEnd = this.chainEnd;
    for (let k = extra; k >= 0; k--) {
      const link = c.regLink[nth[k]];
      const close =
        k < extra && c.regDFrontM[nth[k + 1]] - (c.regDFrontM[nth[k]] + st.index.linkViaLength[link]) < room;
      chainEnd[k] = close ? chainEnd[k + 1] : k;
    }
    let stop = -1;
    let blocker = -1;
    for (let k = 0; k <= extra; k++) {
      const last = nth[chainEnd[k]];
      this.chainAheadM =
        chainEnd[k] > k ? c.regDFrontM[last] + st.index.linkViaLength[c.regLink[last]] + c.lengthM[v] : -1;
      if (!this.open(nth[k])) {
        stop = k;
        blocker = this.blocker;
        break;
      }
    }
    this.chainAheadM = -1;
    c.blockedBySeq[v] = blocker >= 0 ? c.seq[blocker] : -1;
    if (stop > 0) {
      while (stop > 0) {
        const before = nth[stop - 1];
        if ((this.flags[before] & FORCED) !== 0) break;
        const gap = c.regDFrontM[nth[stop]] - (c.regDFrontM[before] + st.index.linkViaLength[c.regLink[before]]);
        if (gap >= room) break;
        stop--;
      }
    }
    c.passLink[v] = stop === 0 ? -1 : c.regLink[r];
    const passed = stop < 0 ? extra + 1 : stop;
    for (let k = 0; k < passed; k++) {
      const p = nth[k];
      this.flags[p] |= DECIDED | PASS;
      const link = c.regLink[p];
      if ((this.flags[p] & (INSIDE | FORCED | COMMITTED)) === 0) this.addClaim(link, p);
      this.reserveExit(link, v);
    }
    if (stop < 0) {
      c.stopLink[v] = -1;
      c.stopDistM[v] = Infinity;
      return;
    }
    const s = nth[stop];
    this.flags[s] |= DECIDED;
    c.stopLink[v] = c.regLink[s];
    c.stopDistM[v] = c.regDFrontM[s];
    // Forced through a junction (or in it already) with the stop right behind it: the body will stand
    // in that junction until the closed link opens — its claims there last that long, so that no
    // crossing vehicle enters now counting on it to have left (a cluster deadlock).
    const front = c.regDFrontM[s];
    for (let k = 0; k < stop; k++) this.hold(nth[k], front);
    const base = v * MAX_REGS;
    if (c.regCount[v] > 0 && (this.flags[base] & INSIDE) !== 0) this.hold(base, front);
  }

  /** Counts the length `v` brings onto the lane after `link` this step (room for the vehicles deciding after it). */
  private reserveExit(link: number, v: number): void {
    const to = this.st.index.link(link).to.ordinal;
    const c = this.st.cols;
    const len = c.lengthM[v] + c.minGapM[v];
    if (this.enterStamp[to] !== this.tick) {
      this.enterStamp[to] = this.tick;
      this.enterM[to] = 0;
    }
    this.enterM[to] += len;
    if (this.linkEnterStamp[link] !== this.tick) {
      this.linkEnterStamp[link] = this.tick;
      this.linkEnterM[link] = 0;
    }
    this.linkEnterM[link] += len;
  }

  /**
   * Length that other vehicles will bring onto `link`'s exit lane ahead of a vehicle entering through
   * `link` now, which its leader gap does not show (m): those that decided this step to enter through
   * other links, and those on the last connector of another link into that lane.
   */
  private enteringOthers(link: JunctionLink): number {
    const to = link.to.ordinal;
    let m = 0;
    if (this.enterStamp[to] === this.tick) {
      m += this.enterM[to];
      if (this.linkEnterStamp[link.index] === this.tick) m -= this.linkEnterM[link.index];
    }
    const st = this.st;
    const c = st.cols;
    const own = link.vias.length > 0 ? link.vias[link.vias.length - 1] : null;
    const preds = link.to.predecessors;
    for (let k = 0; k < preds.length; k++) {
      const p = preds[k];
      if (p === own || !p.internal) continue;
      for (let o = st.lists.back[p.ordinal]; o >= 0; o = st.lists.occNext[o]) {
        const w = (o / 3) | 0;
        if (o % 3 === 0) m += c.lengthM[w] + c.minGapM[w];
      }
    }
    return m;
  }

  /** Whether the link of registration `r` is open for its (driven) vehicle now. */
  private open(r: number): boolean {
    return this.closedBy(r) === Closed.Open;
  }

  /**
   * Why the link of registration `r` is closed for its (driven) vehicle now ({@link Closed}; `Open`
   * when it is not); the vehicle that closes it, if any, in {@link blocker}.
   */
  private closedBy(r: number): number {
    this.blocker = -1;
    const st = this.st;
    const c = st.cols;
    const idx = st.index;
    const v = (r / MAX_REGS) | 0;
    const linkIndex = c.regLink[r];
    const link = idx.link(linkIndex);
    const code = this.signal[linkIndex];
    let f = this.flags[r];
    if (code !== 0 && isStop(code)) {
      if ((f & MAY_PASS) === 0) return Closed.Signal;
      f = this.flags[r] |= FORCED; // running the yellow: it claims the junction
      this.addClaim(linkIndex, r);
    }
    if ((f & FORCED) !== 0) return Closed.Open;
    const committed = (f & COMMITTED) !== 0;
    const dFront = c.regDFrontM[r];
    if ((link.mustStop || code === CODE_STOP_SIGN) && (f & AT_LINE) === 0 && !committed) return Closed.StopFirst;
    // Claims on foe links, whatever the priorities.
    const foes = link.foeIndex;
    let zones = link.foeZones;
    for (let fi = 0; fi < foes.length; fi++) {
      const fl = foes[fi];
      if (!this.busy(fl)) continue;
      for (let e = this.claimFirst[fl]; e >= 0; e = this.claimNext[e]) {
        const w = this.claimReg[e];
        const wv = (w / MAX_REGS) | 0;
        if (wv === v) continue;
        const wf = this.flags[w];
        // Committed vehicles claim against everyone not committed; among themselves the order settles it.
        if ((wf & (INSIDE | FORCED | PASS)) === 0 && committed) continue;
        // On this vehicle's own connector: the same stream, ordered by car following.
        if ((wf & INSIDE) !== 0 && fl === c.curLink[v]) continue;
        // Entering a run of junctions too close to stand between across the way of a vehicle in, or
        // committed to, one of them: both windows assume the two drive on, but either may be stopped
        // further in, each across the other's way (opposite turns through a chain of junctions).
        // It may go only where the two bodies cannot meet over the rest of the run.
        if (
          this.chainAheadM >= 0 &&
          !committed &&
          dFront >= 0 &&
          (wf & (INSIDE | COMMITTED)) !== 0 &&
          c.kind[wv] === SlotKind.Driven
        ) {
          const wAhead = c.regDFrontM[w] + st.index.linkViaLength[fl] + c.lengthM[wv];
          if (!bodiesMeet(st, this.sweeps, v, this.chainAheadM, wv, wAhead)) continue;
          this.blocker = wv;
          return Closed.Claim;
        }
        if (!(this.arriveS(r) < this.leaveS(w) + CLAIM_GAP_S && this.arriveS(w) < this.leaveS(r) + CLAIM_GAP_S))
          continue;
        if (!(
          this.arriveAt(r, zones[4 * fi]) < this.leaveAt(w, zones[4 * fi + 3]) + CLAIM_GAP_S &&
          this.arriveAt(w, zones[4 * fi + 2]) < this.leaveAt(r, zones[4 * fi + 1]) + CLAIM_GAP_S
        ))
          continue;
        const wDriven = c.kind[wv] === SlotKind.Driven;
        // A vehicle standing in a queue cannot reach the zone before the vehicle ahead of it moves: it
        // claims nothing yet (it decides again every step) — else a queue reaching back through a
        // cluster of junctions holds its foe links shut for as long as it stands.
        if (
          wDriven &&
          c.speedMps[wv] < STANDING_MPS &&
          c.leaderSpeedMps[wv] < STANDING_MPS &&
          c.regDFrontM[w] + zones[4 * fi + 2] > c.leaderGapM[wv] + QUEUE_MARGIN_M
        )
          continue;
        // A vehicle standing inside has no window end: it holds the zone only where the bodies can
        // actually touch — this one's until its rear has left the zone, against the standing one's.
        if (
          (wf & INSIDE) !== 0 &&
          wDriven &&
          c.speedMps[wv] < STANDING_MPS &&
          !bodiesMeet(
            st,
            this.sweeps,
            v,
            dFront + zones[4 * fi + 1] + c.lengthM[v],
            wv,
            c.regDFrontM[w] + zones[4 * fi + 3] + c.lengthM[wv],
          )
        )
          continue;
        // Two vehicles standing in junctions, each held by the other's claim — opposite ways through
        // a chain of junctions too close to stand between, a deadlock the windows did not prevent:
        // the one that has waited longer (else the older) goes first, where its body sweeps clear of
        // the other's as that one stands.
        if (
          (wf & INSIDE) !== 0 &&
          wDriven &&
          c.speedMps[wv] < STANDING_MPS &&
          c.curLink[v] >= 0 &&
          c.speedMps[v] < STANDING_MPS &&
          c.blockedBySeq[wv] === c.seq[v] &&
          (c.waitS[v] > c.waitS[wv] || (c.waitS[v] === c.waitS[wv] && c.seq[v] < c.seq[wv])) &&
          !bodiesMeet(st, this.sweeps, v, dFront + zones[4 * fi + 1] + c.lengthM[v], wv, 0)
        )
          continue;
        this.blocker = wv;
        return Closed.Claim;
      }
    }
    // Links to yield to: their nearest approaching vehicles that have not decided and may pass.
    if (code !== CODE_MAJOR_GREEN && !committed) {
      const impatient = c.waitS[v] > IMPATIENT_AFTER_S;
      // Hysteresis: a vehicle that decided last step to go keeps going unless a priority vehicle would
      // now arrive before it has left — without the time gap it asked for when it decided. Else the
      // two estimates, re-made every step, flip its decision back and forth while it approaches at
      // speed, and it ends up too fast to stop.
      const yieldGap = c.passLink[v] === linkIndex ? 0 : YIELD_GAP_S;
      const resp = link.responseIndex;
      zones = link.responseZones;
      const atLine = (f & AT_LINE) !== 0;
      for (let fi = 0; fi < resp.length; fi++) {
        const fl = resp[fi];
        if (!this.busy(fl)) continue;
        const at = APPROACH_KEPT * fl;
        const n = this.approachCount[fl];
        for (let k = 0; k < n; k++) {
          const w = this.approach[at + k];
          const wf = this.flags[w];
          const wv = (w / MAX_REGS) | 0;
          if (wv === v || (wf & (INSIDE | DECIDED)) !== 0 || (wf & MAY_PASS) === 0) continue;
          if (impatient && (wf & FORCED) === 0) continue;
          if ((wf & AT_LINE) !== 0 && atLine && c.waitS[v] > c.waitS[wv]) continue; // seniority among waiting vehicles
          if (
            this.arriveS(w) < this.leaveS(r) + yieldGap &&
            this.arriveAt(w, zones[4 * fi + 2]) < this.leaveAt(r, zones[4 * fi + 1]) + yieldGap
          ) {
            // Waiting at its line for room behind the junction: it cannot go, nobody waits for it.
            if ((wf & (AT_LINE | COMMITTED)) === AT_LINE && c.kind[wv] === SlotKind.Driven) {
              const wl = idx.link(fl);
              if (wl.foes.length > 0 && this.noRoom(wv, wl, c.regDFrontM[w])) continue;
            }
            this.blocker = wv;
            return Closed.Yield;
          }
        }
      }
    }
    // A U-turn swings a long body over the lanes beside its own near the stop line.
    if (link.conn.dir === "t" && dFront >= 0) {
      const reach = dFront + link.viaLengthM + c.lengthM[v];
      if (this.lastInReach(v, link.from.left, reach, 0, besideReach)) return Closed.UTurnSwing;
      if (this.lastInReach(v, link.from.right, reach, 0, besideReach)) return Closed.UTurnSwing;
    }
    // A long body swinging through a tight turn reaches over a neighbouring junction's stop line.
    const near = link.nearLanes;
    if (
      near.length > 0 &&
      dFront >= 0 &&
      !committed &&
      c.halfLengthM[v] > LONG_HALF_LENGTH_M &&
      dFront <= (c.speedMps[v] * c.speedMps[v]) / (2 * c.decelMps2[v]) + NEAR_DECIDE_M
    ) {
      const reach = dFront + link.viaLengthM + c.lengthM[v];
      for (let k = 0; k < near.length; k++)
        if (this.lastInReach(v, near[k], reach, dFront, nearReach)) return Closed.NearLane;
    }
    // Room behind the junction for its whole length (with what enters that lane this step): behind a
    // slow leader, the gap to it; behind moving ones, the room they leave once the queue they drive up
    // to has closed up (SUMO's space till the last standing vehicle) — a vehicle entering behind a
    // moving queue that then stops would stand in the junction, across its foes' ways.
    if (link.foes.length > 0 && !committed && this.noRoom(v, link, dFront)) return Closed.NoRoom;
    return Closed.Open;
  }

  /** Whether slot `v`, its front `dFront` before `link`'s stop line, finds too little room behind it (see closedBy). */
  private noRoom(v: number, link: JunctionLink, dFront: number): boolean {
    const c = this.st.cols;
    const need = c.lengthM[v] + 0.5 * c.minGapM[v];
    const entering = this.enteringOthers(link);
    if (c.leaderSpeedMps[v] < MOVING_LEADER_MPS && c.leaderGapM[v] - (dFront + link.viaLengthM) - entering < need)
      return true;
    return this.spaceTillStanding(v, link, need + entering) < need + entering;
  }

  /**
   * The room that slot `v` finds behind `link` once the vehicles ahead of it there have closed up (m):
   * along its path from the link's exit lane on, up to the rear of the first standing vehicle, less
   * the length (plus minimum gap) of each moving vehicle on the way, which will queue behind it — and
   * of those still on the link's own connectors. Unbounded where the path ends at the route's end
   * (the vehicle leaves there) or goes on beyond what is looked at; at a dead path end, up to that end.
   * Stops looking once `enoughM` is found.
   */
  private spaceTillStanding(v: number, link: JunctionLink, enoughM: number): number {
    const st = this.st;
    const c = st.cols;
    const lists = st.lists;
    let lengths = 0;
    for (let k = 0; k < link.vias.length; k++)
      for (let o = lists.back[link.vias[k].ordinal]; o >= 0; o = lists.occNext[o]) {
        const w = (o / 3) | 0;
        if (o % 3 === 0 && w !== v) lengths += c.lengthM[w] + c.minGapM[w];
      }
    // The exit lane's place in the path (the link's connectors, then its exit lane).
    const base = v * PATH_CAPACITY;
    const n = c.pathLen[v];
    let k = 1;
    while (k < n && c.pathLink[base + k] !== link.index) k++;
    k += link.vias.length;
    if (k >= n || c.pathLane[base + k] !== link.to.ordinal) return Infinity;
    let start = 0; // where path lane k starts, from the exit lane's start (m)
    for (let hop = 0; hop < SPACE_LANES; hop++, k++) {
      const lane = c.pathLane[base + k];
      for (let o = lists.back[lane]; o >= 0; o = lists.occNext[o]) {
        const kind = o % 3;
        const w = (o / 3) | 0;
        if (kind === 2 || w === v) continue;
        if (c.speedMps[w] < STANDING_MPS) return start + lists.occS[o] - c.halfLengthM[w] - lengths;
        if (kind === 0) lengths += c.lengthM[w] + c.minGapM[w];
      }
      start += st.index.laneLength[lane];
      if (start - lengths >= enoughM) break;
      if (k + 1 >= n) return c.pathEnd[v] === PathEnd.Dead ? start - lengths : Infinity;
    }
    return start - lengths >= enoughM ? start - lengths : Infinity;
  }

  /**
   * Why slot `v` stops at its next contested link this step, in words (after the step; for tests
   * and diagnostics): `open` when it does not.
   */
  explain(v: number): string {
    const c = this.st.cols;
    const d = c.decider[v];
    if (d < 0) return "no decision";
    const r = v * MAX_REGS + d;
    const group = this.group;
    const n = this.groupOf(r, group);
    for (let k = 0; k <= n; k++) {
      const q = k === 0 ? r : group[k - 1];
      const why = this.closedBy(q);
      if (why !== Closed.Open) {
        const link = this.st.index.link(c.regLink[q]);
        const who = this.blocker >= 0 ? ` by ${this.st.ids[this.blocker]}` : "";
        return `${CLOSED_NAMES[why]} at ${link.from.id} → ${link.to.id}${who}`;
      }
    }
    return "open";
  }

  /**
   * Whether the last vehicle on `lane` (a driven one whose centre is there, or a foreign one) is within
   * `reachM(speed, decel)` of the lane's end and its body, from where it is to that end, meets slot
   * `v`'s over `aAheadM` of its path (from `aFromM` on).
   */
  private lastInReach(
    v: number,
    lane: LaneData | null,
    aAheadM: number,
    aFromM: number,
    reachM: (speedMps: number, decelMps2: number) => number,
  ): boolean {
    if (lane === null) return false;
    const st = this.st;
    const c = st.cols;
    const o = st.lists.frontOf(lane.ordinal, v);
    if (o < 0) return false;
    const w = (o / 3) | 0;
    const os = st.lists.occS[o];
    const toEnd = lane.lengthM - (os + c.halfLengthM[w]);
    if (c.kind[w] !== SlotKind.Driven) {
      if (toEnd > reachM(c.speedMps[w], FOREIGN_DECEL_MPS2)) return false;
      return bodyMeetsLaneSpan(st, this.sweeps, v, aAheadM, lane, os, c.halfLengthM[w], c.widthM[w] / 2, toEnd, aFromM);
    }
    if (c.lane[w] !== lane.ordinal || toEnd > reachM(c.speedMps[w], c.decelMps2[w])) return false;
    return bodiesMeet(st, this.sweeps, v, aAheadM, w, toEnd, aFromM);
  }

  /**
   * For every driven vehicle on a near lane, driving up to its line: how far it may still go before
   * its body would meet a long vehicle swinging through one of the links it is a near lane of (that
   * long vehicle is through its line, or decided this step to go; it waited for vehicles already
   * there when it decided) — `swingGapM`, found by bisection to {@link SWING_GAP_TOLERANCE_M}.
   */
  private swingGaps(): void {
    const st = this.st;
    const c = st.cols;
    for (let i = 0; i < st.count; i++) {
      const v = st.order[i];
      const lane = st.index.lane(c.lane[v]);
      const links = lane.nearOf;
      if (links.length === 0 || lane.internal) continue;
      const toEnd = lane.lengthM - c.s[v] - c.halfLengthM[v];
      if (toEnd < 0 || toEnd > nearReach(c.speedMps[v], c.decelMps2[v])) continue;
      let gap = Infinity;
      for (const link of links) {
        const li = link.index;
        if (!this.busy(li)) continue;
        for (let e = this.claimFirst[li]; e >= 0; e = this.claimNext[e]) {
          const r = this.claimReg[e];
          const w = (r / MAX_REGS) | 0;
          const f = this.flags[r];
          if (w === v || c.kind[w] !== SlotKind.Driven || c.halfLengthM[w] <= LONG_HALF_LENGTH_M) continue;
          if ((f & INSIDE) === 0 && (f & PASS) === 0) continue;
          const d = c.regDFrontM[r];
          const wAhead = d + link.viaLengthM + c.lengthM[w];
          const wFrom = d > 0 ? d : 0;
          let hi = gap < toEnd ? gap : toEnd;
          if (!bodiesMeet(st, this.sweeps, w, wAhead, v, hi, wFrom)) continue;
          let lo = 0;
          if (bodiesMeet(st, this.sweeps, w, wAhead, v, 0, wFrom)) hi = 0;
          while (hi - lo > SWING_GAP_TOLERANCE_M) {
            const mid = 0.5 * (lo + hi);
            if (bodiesMeet(st, this.sweeps, w, wAhead, v, mid, wFrom)) hi = mid;
            else lo = mid;
          }
          gap = lo;
        }
      }
      c.swingGapM[v] = gap;
    }
  }
}

const CODE_MAJOR_GREEN = 71; // G
const CODE_STOP_SIGN = 115; // s
/** Per character code below 128: whether a signal showing it means stop (SignalSchedule.signalMeaning). */
const STOPS = Uint8Array.from({ length: 128 }, (_, code) =>
  signalMeaning(String.fromCharCode(code)) === "stop" ? 1 : 0,
);
/** Whether signal character `code` means stop (red, yellow, red-yellow). */
function isStop(code: number): boolean {
  return code >= 128 || STOPS[code] === 1;
}

/** How near its lane's end a vehicle at `speedMps` braking at `decelMps2` counts at a near lane (m). */
function nearReach(speedMps: number, decelMps2: number): number {
  return NEAR_DECIDE_M + (speedMps * speedMps) / (2 * decelMps2);
}

/** How near its lane's end a vehicle beside a U-turn counts (m). */
function besideReach(): number {
  return BESIDE_U_TURN_M;
}
