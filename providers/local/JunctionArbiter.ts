/**
 * Junction right of way, once per step, in two stages.
 *
 * 1. Registration. Every vehicle near a contested link (one with foes, a signal or a stop sign)
 *    registers on it: provider vehicles for each link on their planned path within the look-ahead
 *    and for the link they are crossing, foreign vehicles (agents) for the links leaving their lane
 *    and the link whose connector they are on. A registration carries a time window: when the front
 *    reaches the stop line (`arriveS`, optimistic: full acceleration) and when the rear clears the
 *    junction (`leaveS`, pessimistic: ¾ of it; unbounded for a vehicle standing inside).
 * 2. Decisions, in order of arrival (vehicles that cannot stop first, then those committed — still
 *    in the previous junction with this link right after it — then those waiting at the line
 *    longest-first, then by arrival time; ties by sequence number). A provider vehicle may enter its
 *    next link when
 *    - its signal is not red/yellow, or it cannot stop comfortably (yellow) / at all (red);
 *    - it has come to a stop first where the link is a stop sign or all-way stop;
 *    - no foe link carries a *claim* (a vehicle inside, one that cannot stop, or one that decided to
 *      enter earlier this step) whose window overlaps its own, whatever the priorities;
 *    - unless its signal is major green, no link it must yield to (`response`) has an undecided
 *      vehicle that may pass (signal permitting) arriving before its own window ends plus the time
 *      gap — vehicles that decided earlier this step to stop are ignored, among vehicles waiting
 *      at their lines the one that has waited longest goes (all-way stops, right before left), and
 *      after {@link IMPATIENT_AFTER_S} at the line only vehicles that cannot stop any more count;
 *    - there is room behind the junction for its whole length (it would not block the junction).
 *    The further contested links within the vehicle's decision range are decided with the first, in
 *    path order: it passes up to the first closed one and stops at its line — or at the line before,
 *    where the two links are too close together to stand between them. A stop becomes a standing
 *    obstacle at that line.
 *
 * Because the earliest undecided vehicle is never held by a later one, some vehicle always goes:
 * waiting cycles (four arms of right before left) resolve without a timer.
 */
import { signalMeaning } from "../../core/road/SignalSchedule.js";
import { bodiesMeet, bodyMeetsLaneSpan } from "./BodySweep.js";
import { FOREIGN_DECEL_MPS2 } from "./ForeignVehicles.js";
import { timeToCover } from "./IdmModel.js";
import type { JunctionLink, LaneData } from "./LocalNetwork.js";
import type { TrafficVehicle } from "./TrafficVehicle.js";

/** Time gap kept to vehicles one must yield to (s) — SUMO's jmTimegapMinor. */
export const YIELD_GAP_S = 1;
/** Time margin between overlapping claims (s). */
export const CLAIM_GAP_S = 0.5;
/** A vehicle inside a junction slower than this counts as standing: its window has no end (m/s). */
const STANDING_MPS = 0.3;
/** Leaders behind the junction faster than this leave room anyway (m/s). */
const MOVING_LEADER_MPS = 3;
/** How far beyond a standing leader's rear a standing vehicle still registers and claims (m); see VehicleStep.perceive. */
export const QUEUE_MARGIN_M = 1;
/** Share of its maximum acceleration a vehicle is assumed to clear a junction with (pessimistic). */
const CLEAR_ACCEL_SHARE = 0.75;
/**
 * A vehicle that has waited this long at its line turns impatient (s): it no longer waits for
 * priority vehicles that can still stop — they see its claim and yield to it.
 */
export const IMPATIENT_AFTER_S = 20;

/** One vehicle's presence at one link this step. */
export class Registration {
  link!: JunctionLink;
  /** Provider vehicle, or null for a foreign one. */
  veh: TrafficVehicle | null = null;
  seq = 0;
  /** Front → stop line (m); negative once the front has passed it. */
  dFrontM = 0;
  speedMps = 0;
  /** Maximum acceleration (m/s²), speed across the junction (m/s), distance to clear it (m): for the windows. */
  accelMps2 = 0;
  crossSpeedMps = 0;
  clearM = 0;
  lengthM = 0;
  private _arrive = NaN;
  private _leave = NaN;
  /**
   * How far the front goes before its vehicle stops at a closed link further on (m from the front
   * now; Infinity when it was not stopped). Set when the vehicle's decision stops it at a link too
   * close behind this one to stand between them: its body then stays in this junction, and its
   * windows here have no end (see {@link leaveS}, {@link leaveAt}).
   */
  private holdFrontM = Infinity;
  inside = false;
  /** Cannot stop before the line: will pass. */
  forced = false;
  /**
   * Its vehicle's rear is still in the previous junction and this link begins right after it:
   * stopping here would block that junction, so it goes as soon as nothing is in the way — before
   * the others decide, without yielding to vehicles still approaching.
   */
  committed = false;
  /** Its signal lets it pass (or it cannot stop). */
  mayPass = true;
  /** Waiting at the line (stopped within a few metres). */
  atLine = false;
  waitS = 0;
  /** Decided this step (provider vehicles only), and the decision. */
  decided = false;
  pass = false;
  /** Sort key of the decision order. */
  key = 0;

  /** When the front reaches the stop line (s from now; −1 inside): optimistic, full acceleration. Computed on first use. */
  get arriveS(): number {
    if (Number.isNaN(this._arrive))
      this._arrive = this.inside ? -1 : timeToCover(this.dFrontM, this.speedMps, this.accelMps2, this.crossSpeedMps);
    return this._arrive;
  }

  /** When the rear clears the junction (s from now): pessimistic; unbounded for a vehicle standing inside. */
  get leaveS(): number {
    if (Number.isNaN(this._leave)) {
      const v = this.speedMps;
      this._leave =
        (this.inside && v < STANDING_MPS) || this.clearM > this.holdFrontM
          ? Infinity
          : timeToCover(
              this.clearM,
              v < this.crossSpeedMps ? v : this.crossSpeedMps,
              CLEAR_ACCEL_SHARE * this.accelMps2,
              this.crossSpeedMps,
            );
    }
    return this._leave;
  }

  /**
   * When the front reaches `inM` past the stop line (s from now; −1 when it is there already):
   * optimistic, as {@link arriveS} — never earlier than that.
   */
  arriveAt(inM: number): number {
    const d = this.dFrontM + inM;
    return d <= 0 ? -1 : timeToCover(d, this.speedMps, this.accelMps2, this.crossSpeedMps);
  }

  /**
   * When the rear passes `outM` past the stop line (s from now; −Infinity when it has): pessimistic,
   * as {@link leaveS} — never later than that; unbounded for a vehicle standing inside before it.
   */
  leaveAt(outM: number): number {
    const d = this.dFrontM + outM + this.lengthM;
    if (d <= 0) return -Infinity;
    const v = this.speedMps;
    if ((this.inside && v < STANDING_MPS) || d > this.holdFrontM) return Infinity;
    return timeToCover(
      d,
      v < this.crossSpeedMps ? v : this.crossSpeedMps,
      CLEAR_ACCEL_SHARE * this.accelMps2,
      this.crossSpeedMps,
    );
  }

  /**
   * Its vehicle will stop with its front `frontM` ahead (at a closed link further on): where its body
   * then still covers this junction, its windows here have no end.
   */
  hold(frontM: number): void {
    this.holdFrontM = frontM;
    this._leave = NaN;
  }

  /** Forgets the cached windows and any hold (the registration is reused). */
  reset(): void {
    this._arrive = NaN;
    this._leave = NaN;
    this.holdFrontM = Infinity;
  }
}

/** What a registration needs to know about the vehicle. */
export interface RegistrationInput {
  veh: TrafficVehicle | null;
  seq: number;
  dFrontM: number;
  speedMps: number;
  /** Maximum acceleration used for the arrival estimate (m/s²). */
  accelMps2: number;
  /** Speed it drives across the junction at (m/s). */
  crossSpeedMps: number;
  lengthM: number;
  /** Deceleration it stops for a yellow with / can brake at all (m/s²). */
  comfortDecelMps2: number;
  maxDecelMps2: number;
  waitS: number;
  atLine: boolean;
  committed: boolean;
}

export class JunctionArbiter {
  private readonly pool: Registration[] = [];
  private used = 0;
  private readonly deciders: Registration[] = [];
  private deciderCount = 0;
  /** Scratch: the further registrations decided with the current one. */
  private readonly group: Registration[] = [];
  private tick = -1;
  private signals: ReadonlyMap<string, string> = new Map();

  /** Starts a step: forgets last step's registrations. */
  begin(tick: number, signals: ReadonlyMap<string, string>): void {
    this.tick = tick;
    this.signals = signals;
    this.used = 0;
    this.deciderCount = 0;
  }

  /** Current signal character of `link` ('' when it has no signal or the light is unknown). */
  signalChar(link: JunctionLink): string {
    if (link.tlId === undefined) return "";
    if (link.sigStamp !== this.tick) {
      link.sigStamp = this.tick;
      const state = this.signals.get(link.tlId);
      link.sigChar = state !== undefined && link.linkIndex < state.length ? state[link.linkIndex] : "";
    }
    return link.sigChar;
  }

  /** Registers a vehicle at `link`; returns the registration (valid until the next `begin`). */
  register(link: JunctionLink, r: RegistrationInput): Registration {
    if (link.regStamp !== this.tick) {
      link.regStamp = this.tick;
      link.regCount = 0;
    }
    let reg = this.pool[this.used];
    if (reg === undefined) {
      reg = new Registration();
      this.pool.push(reg);
    }
    this.used++;
    if (link.regCount < link.regs.length) link.regs[link.regCount] = reg;
    else link.regs.push(reg);
    link.regCount++;
    reg.link = link;
    reg.veh = r.veh;
    reg.seq = r.seq;
    reg.dFrontM = r.dFrontM;
    reg.speedMps = r.speedMps;
    reg.decided = false;
    reg.pass = false;
    reg.waitS = r.waitS;
    reg.atLine = r.atLine;
    reg.committed = r.committed;
    const v = r.speedMps;
    reg.reset();
    reg.accelMps2 = r.accelMps2;
    reg.crossSpeedMps = r.crossSpeedMps;
    reg.clearM = r.dFrontM + link.viaLengthM + r.lengthM;
    reg.lengthM = r.lengthM;
    if (r.dFrontM < 0) {
      reg.inside = true;
      reg.forced = true;
      reg.mayPass = true;
    } else {
      reg.inside = false;
      const needDecel = (v * v) / (2 * Math.max(r.dFrontM, 0.01));
      reg.forced = needDecel > r.maxDecelMps2;
      const ch = link.tlId === undefined ? "" : this.signalChar(link);
      if (ch !== "" && signalMeaning(ch) === "stop") {
        reg.mayPass = ch === "y" ? needDecel > r.comfortDecelMps2 : reg.forced;
      } else reg.mayPass = true;
    }
    return reg;
  }

  /** Marks `reg` (a provider vehicle's next link) as one to decide this step. */
  addDecider(reg: Registration): void {
    reg.key = reg.forced
      ? -2e9 + reg.arriveS
      : reg.committed
        ? -1e9 + reg.arriveS
        : reg.atLine
          ? -reg.waitS
          : reg.arriveS;
    if (this.deciderCount < this.deciders.length) this.deciders[this.deciderCount] = reg;
    else this.deciders.push(reg);
    this.deciderCount++;
  }

  /**
   * Decides every decider in order and writes the outcome to its vehicle (`stopLink`, `stopDistM`).
   * `groupOf(reg)` lists the vehicle's further registrations decided with `reg` (may be empty).
   */
  decide(groupOf: (reg: Registration, out: Registration[]) => number): void {
    const list = this.deciders;
    const n = this.deciderCount;
    const group = this.group;
    // Links with nobody at their foe links have nothing to arbitrate: decided at once, in any order
    // (no one reads their claims). The rest go in the decision order.
    let m = 0;
    for (let i = 0; i < n; i++) {
      const reg = list[i];
      const extra = groupOf(reg, group);
      let quiet = this.quiet(reg.link);
      for (let k = 0; k < extra && quiet; k++) quiet = this.quiet(group[k].link);
      if (quiet) this.settle(reg, group, extra);
      else list[m++] = reg;
    }
    sortByKey(list, 0, m - 1);
    for (let i = 0; i < m; i++) this.settle(list[i], group, groupOf(list[i], group));
  }

  /** Whether no foe or response link of `link` has a registration this step. */
  private quiet(link: JunctionLink): boolean {
    for (const f of link.foes) if (f.regStamp === this.tick && f.regCount > 0) return false;
    for (const f of link.response) if (f.regStamp === this.tick && f.regCount > 0) return false;
    return true;
  }

  /**
   * Decides a vehicle's next contested link `reg` and the `extra` further ones in `group` (in path
   * order): it passes up to the first closed one and stops there — or before the link ahead of that
   * one, when the two are too close to stand between (never before a link it cannot stop for).
   */
  private settle(reg: Registration, group: Registration[], extra: number): void {
    const v = reg.veh!;
    let stop = -1;
    for (let k = 0; k <= extra; k++) {
      if (!this.open(nth(reg, group, k))) {
        stop = k;
        break;
      }
    }
    if (stop > 0) {
      const room = v.lengthM + v.minGapM + 1;
      while (stop > 0) {
        const before = nth(reg, group, stop - 1);
        if (before.forced || nth(reg, group, stop).dFrontM - (before.dFrontM + before.link.viaLengthM) >= room) break;
        stop--;
      }
    }
    const passed = stop < 0 ? extra + 1 : stop;
    for (let k = 0; k < passed; k++) {
      const r = nth(reg, group, k);
      r.decided = true;
      r.pass = true;
    }
    if (stop < 0) {
      v.stopLink = null;
      v.stopDistM = Infinity;
    } else {
      const r = nth(reg, group, stop);
      r.decided = true;
      r.pass = false;
      v.stopLink = r.link;
      v.stopDistM = r.dFrontM;
      // Forced through a junction (or in it already) with the stop right behind it: the body will
      // stand in that junction until the closed link opens — its claims there last that long, so
      // that no crossing vehicle enters now counting on it to have left (a cluster deadlock).
      for (let k = 0; k < stop; k++) nth(reg, group, k).hold(r.dFrontM);
      v.curReg?.hold(r.dFrontM);
    }
  }

  /** Whether the link of `reg` is open for its (provider) vehicle now. */
  private open(reg: Registration): boolean {
    const link = reg.link;
    const v = reg.veh!;
    const ch = this.signalChar(link);
    if (ch !== "" && signalMeaning(ch) === "stop") {
      if (!reg.mayPass) return false;
      reg.forced = true; // running the yellow: it claims the junction
    }
    if (reg.forced) return true;
    const committed = reg.committed;
    if ((link.mustStop || ch === "s") && !reg.atLine && !committed) return false;
    // Claims on foe links, whatever the priorities.
    const foes = link.foes;
    let zones = link.foeZones;
    for (let f = 0; f < foes.length; f++) {
      const fl = foes[f];
      if (fl.regStamp !== this.tick) continue;
      for (let k = 0; k < fl.regCount; k++) {
        const w = fl.regs[k];
        if (w.veh === v && v !== null) continue;
        // Committed vehicles (inside a cluster, unable to stop before its next links) claim those
        // links against everyone else; among themselves the decision order settles it.
        if (!(w.inside || w.forced || (w.decided && w.pass) || (w.committed && !committed))) continue;
        // On this vehicle's own connector: the same stream, ordered by car following.
        if (w.inside && fl === v.curLink) continue;
        // The whole-junction windows first (cheap, cached), then the two links' conflict zone.
        if (!(reg.arriveS < w.leaveS + CLAIM_GAP_S && w.arriveS < reg.leaveS + CLAIM_GAP_S)) continue;
        if (!(
          reg.arriveAt(zones[4 * f]) < w.leaveAt(zones[4 * f + 3]) + CLAIM_GAP_S &&
          w.arriveAt(zones[4 * f + 2]) < reg.leaveAt(zones[4 * f + 1]) + CLAIM_GAP_S
        ))
          continue;
        // A provider vehicle standing in a queue cannot reach the zone before the vehicle ahead of it
        // moves: it claims nothing yet. It decides again every step, and stops for whoever entered
        // meanwhile — without this, a queue reaching back through a cluster of junctions holds its
        // foe links shut for as long as it stands, and the crossing traffic it waits for never goes.
        if (
          w.veh !== null &&
          w.speedMps < STANDING_MPS &&
          w.veh.leaderSpeedMps < STANDING_MPS &&
          w.dFrontM + zones[4 * f + 2] > w.veh.leaderGapM + QUEUE_MARGIN_M
        )
          continue;
        // A provider vehicle standing inside has no window end: it holds the zone only where the
        // bodies can actually touch — this vehicle's until its rear has left the zone, against the
        // standing one's as it drives on until its own rear has left it.
        if (
          w.inside &&
          w.veh !== null &&
          w.speedMps < STANDING_MPS &&
          !bodiesMeet(v, reg.dFrontM + zones[4 * f + 1] + reg.lengthM, w.veh, w.dFrontM + zones[4 * f + 3] + w.lengthM)
        )
          continue;
        return false;
      }
    }
    // Links to yield to.
    if (ch !== "G" && !committed) {
      const impatient = reg.waitS > IMPATIENT_AFTER_S;
      const resp = link.response;
      zones = link.responseZones;
      for (let f = 0; f < resp.length; f++) {
        const fl = resp[f];
        if (fl.regStamp !== this.tick) continue;
        for (let k = 0; k < fl.regCount; k++) {
          const w = fl.regs[k];
          if (w.veh === v || w.inside || w.decided || !w.mayPass || (impatient && !w.forced)) continue;
          if (w.atLine && reg.atLine && reg.waitS > w.waitS) continue; // seniority among waiting vehicles
          if (
            w.arriveS < reg.leaveS + YIELD_GAP_S &&
            w.arriveAt(zones[4 * f + 2]) < reg.leaveAt(zones[4 * f + 1]) + YIELD_GAP_S
          )
            return false;
        }
      }
    }
    // A U-turn swings a long body over the lanes beside its own near the stop line: not while a
    // vehicle there, as far as it can drive before its line, is within its reach.
    if (
      link.conn.dir === "t" &&
      reg.dFrontM >= 0 &&
      (besideInReach(reg, link.from.left) || besideInReach(reg, link.from.right))
    )
      return false;
    // A long body swinging through a tight turn reaches over the stop line of a neighbouring
    // junction's lane (LocalNetwork.buildNearLanes): not while a vehicle waits there, or drives up to
    // its line, within reach of it.
    const near = link.nearLanes;
    if (
      near.length > 0 &&
      reg.dFrontM >= 0 &&
      !committed &&
      v.halfLength > LONG_HALF_LENGTH_M &&
      reg.dFrontM <= (v.speedMps * v.speedMps) / (2 * v.decelMps2) + NEAR_DECIDE_M
    ) {
      for (let k = 0; k < near.length; k++) if (waitingInReach(reg, near[k])) return false;
    }
    // Room behind the junction.
    if (link.foes.length > 0 && !committed && v.leaderSpeedMps < MOVING_LEADER_MPS) {
      const room = v.leaderGapM - (reg.dFrontM + link.viaLengthM);
      if (room < v.lengthM + 0.5 * v.minGapM) return false;
    }
    return true;
  }
}

/** How far before its lane's end a vehicle beside a U-turn is checked (m). */
const BESIDE_U_TURN_M = 15;

/**
 * Whether the vehicle nearest the end of `lane` (a lane beside the one `reg`'s U-turn leaves),
 * anywhere between where it is and its lane's end, is where `reg`'s vehicle would touch it on its
 * way through the U-turn.
 */
function besideInReach(reg: Registration, lane: LaneData | null): boolean {
  if (lane === null) return false;
  return lastInReach(reg, lane, reg.dFrontM + reg.link.viaLengthM + reg.veh!.lengthM, 0, () => BESIDE_U_TURN_M);
}

/** Vehicles longer than this each way are checked against near lanes (m): trucks, buses, trailers. */
const LONG_HALF_LENGTH_M = 2.2;
/**
 * Near lanes are checked once the long vehicle is within its comfortable stopping distance plus this
 * of its line, for vehicles there within their own stopping distance plus this of theirs (m).
 */
const NEAR_DECIDE_M = 8;

/**
 * Whether the vehicle nearest the end of `lane` (a near lane of `reg`'s link), anywhere between
 * where it is and its lane's end, is where `reg`'s vehicle would touch it on its way from its stop
 * line through the link.
 */
function waitingInReach(reg: Registration, lane: LaneData): boolean {
  return lastInReach(reg, lane, reg.dFrontM + reg.link.viaLengthM + reg.veh!.lengthM, reg.dFrontM, nearReach);
}

/** How near its lane's end a vehicle at `speedMps` braking at `decelMps2` counts at a near lane (m). */
function nearReach(speedMps: number, decelMps2: number): number {
  return NEAR_DECIDE_M + (speedMps * speedMps) / (2 * decelMps2);
}

/**
 * Whether the last vehicle on `lane` — a provider vehicle whose centre is there, or a foreign one
 * (an agent) — is within `reachM(speed, deceleration)` of the lane's end and its body, from where it
 * is to that end, meets `reg`'s vehicle's over `aAheadM` of its path (from `aFromM` on).
 */
function lastInReach(
  reg: Registration,
  lane: LaneData,
  aAheadM: number,
  aFromM: number,
  reachM: (speedMps: number, decelMps2: number) => number,
): boolean {
  const v = reg.veh!;
  const o = lane.occupants.last(v);
  if (o === null) return false;
  const toEnd = lane.lengthM - (o.s + o.halfLength);
  const w = o.veh;
  if (w === null) {
    if (toEnd > reachM(o.speedMps, FOREIGN_DECEL_MPS2)) return false;
    return bodyMeetsLaneSpan(v, aAheadM, lane, o.s, o.halfLength, o.halfWidth, toEnd, aFromM);
  }
  if (w.lane !== lane || toEnd > reachM(w.speedMps, w.decelMps2)) return false;
  return bodiesMeet(v, aAheadM, w, toEnd, aFromM);
}

/**
 * How far `v` — on a near lane of some links, driving up to its line — may still go before its body
 * would meet a long vehicle swinging through one of those links (m from its front; Infinity: no
 * limit). The long vehicle waits for vehicles already there when it decides (the near-lane rule of
 * `open`); one that is through its line, or decided this step to go, no longer can: then the vehicle
 * driving up stops short of where its swept body would meet the long one's. Call after
 * {@link JunctionArbiter.decide} and before anything moves.
 */
export function swingGap(v: TrafficVehicle, tick: number): number {
  const lane = v.lane;
  const links = lane.nearOf;
  if (links.length === 0 || lane.internal) return Infinity;
  const toEnd = lane.lengthM - v.s - v.halfLength;
  if (toEnd < 0 || toEnd > nearReach(v.speedMps, v.decelMps2)) return Infinity;
  let gap = Infinity;
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    if (link.regStamp !== tick) continue;
    for (let k = 0; k < link.regCount; k++) {
      const reg = link.regs[k];
      const w = reg.veh;
      if (w === null || w === v || w.halfLength <= LONG_HALF_LENGTH_M || !(reg.inside || (reg.decided && reg.pass)))
        continue;
      const wAhead = reg.dFrontM + link.viaLengthM + w.lengthM;
      const wFrom = reg.dFrontM > 0 ? reg.dFrontM : 0;
      let hi = gap < toEnd ? gap : toEnd;
      if (!bodiesMeet(w, wAhead, v, hi, wFrom)) continue;
      // The furthest v can go and still stay clear (meeting only grows with the distance swept).
      let lo = 0;
      if (bodiesMeet(w, wAhead, v, 0, wFrom)) hi = 0;
      while (hi - lo > SWING_GAP_TOLERANCE_M) {
        const mid = 0.5 * (lo + hi);
        if (bodiesMeet(w, wAhead, v, mid, wFrom)) hi = mid;
        else lo = mid;
      }
      gap = lo;
    }
  }
  return gap;
}
/** Precision of {@link swingGap} (m). */
const SWING_GAP_TOLERANCE_M = 0.25;

/** The k-th registration of a decision group: `first`, then `rest[0 …]`. */
function nth(first: Registration, rest: Registration[], k: number): Registration {
  return k === 0 ? first : rest[k - 1];
}

/** Decision order: by key, then by sequence number (a total order: any correct sort gives the same result). */
function before(a: Registration, b: Registration): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}

/** Sorts `list[lo … hi]` in decision order, in place (quicksort, insertion sort for short runs; no allocation). */
function sortByKey(list: Registration[], lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >> 1;
    // Median of three as the pivot.
    if (before(list[mid], list[lo])) swap(list, mid, lo);
    if (before(list[hi], list[lo])) swap(list, hi, lo);
    if (before(list[hi], list[mid])) swap(list, hi, mid);
    const pivot = list[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(list[i], pivot)) i++;
      while (before(pivot, list[j])) j--;
      if (i <= j) swap(list, i++, j--);
    }
    // Recurse into the smaller part, loop on the larger one.
    if (j - lo < hi - i) {
      sortByKey(list, lo, j);
      lo = i;
    } else {
      sortByKey(list, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const r = list[i];
    let j = i - 1;
    while (j >= lo && before(r, list[j])) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = r;
  }
}

function swap(list: Registration[], i: number, j: number): void {
  const t = list[i];
  list[i] = list[j];
  list[j] = t;
}
