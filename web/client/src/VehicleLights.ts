/**
 * Brake lights and turn signals, derived from consecutive frames: a replay frame carries each
 * vehicle's pose, speed and lane but no pedal or indicator state. So:
 * - **braking**: speed fell by at least {@link BRAKE_DECEL_MPS2} since the previous frame, or the
 *   vehicle stands (below {@link STANDING_MPS}: a stopped car holds its brake);
 * - **turn signal**: the vehicle turns faster than {@link TURN_YAW_RATE} (junction turns, not gentle
 *   curves), or it moved to another lane of the same road (lane index up: left); the signal then
 *   stays on for {@link SIGNAL_HOLD_S}.
 * After a seek there is no previous frame: only standing vehicles show brake lights.
 */
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";

/** Deceleration (m/s²) from which brake lights show. */
export const BRAKE_DECEL_MPS2 = 0.8;
/** Speed (m/s) under which a vehicle counts as standing. */
export const STANDING_MPS = 0.2;
/** Yaw rate (rad/s) from which a turn is signalled. */
export const TURN_YAW_RATE = 0.15;
/** How long (s) a signal stays on after the turn or lane change that set it. */
export const SIGNAL_HOLD_S = 1.5;

/** Which way a vehicle signals: −1 right, 0 none, +1 left. */
export type TurnSignal = -1 | 0 | 1;

/** The lights of each vehicle of the current frame, by frame index. */
export class VehicleLights {
  /** 1 where the brake lights are on. */
  braking = new Uint8Array(0);
  /** {@link TurnSignal} per vehicle. */
  turn = new Int8Array(0);
  /** Signals still held: vehicle id → direction and the tick until which it shows. */
  private readonly held = new Map<string, { dir: TurnSignal; untilTick: number }>();

  /**
   * @param dtS seconds per tick.
   * @param laneRoad lane id → [road id, lane index], to tell lane changes from moving onto the next road.
   */
  constructor(
    private readonly dtS: number,
    private readonly laneRoad: ReadonlyMap<string, readonly [string, number]>,
  ) {}

  /**
   * Derives the lights of `frame`. `prev` is the frame before it and `prevIndex` maps a vehicle id to
   * its index there; pass neither after a seek.
   */
  update(frame: ReplayFrame, prev?: ReplayFrame, prevIndex?: ReadonlyMap<string, number>): void {
    const n = frame.ids.length;
    this.braking = new Uint8Array(n);
    this.turn = new Int8Array(n);
    if (!prev || !prevIndex) this.held.clear();
    const dt = prev ? Math.max(1, frame.tick - prev.tick) * this.dtS : 0;
    const holdTicks = Math.round(SIGNAL_HOLD_S / this.dtS);
    for (let i = 0; i < n; i++) {
      const v = frame.speedMps[i];
      let braking = v < STANDING_MPS;
      const j = prevIndex?.get(frame.ids[i]);
      if (prev && j !== undefined && dt > 0) {
        if ((prev.speedMps[j] - v) / dt >= BRAKE_DECEL_MPS2) braking = true;
        let dir: TurnSignal = 0;
        let dh = frame.headingRad[i] - prev.headingRad[j];
        dh = Math.atan2(Math.sin(dh), Math.cos(dh));
        if (v > 1 && Math.abs(dh / dt) >= TURN_YAW_RATE) dir = dh > 0 ? 1 : -1;
        const from = this.laneRoad.get(prev.laneIds[j]);
        const to = this.laneRoad.get(frame.laneIds[i]);
        if (from && to && from[0] === to[0] && from[1] !== to[1]) dir = to[1] > from[1] ? 1 : -1;
        if (dir !== 0) this.held.set(frame.ids[i], { dir, untilTick: frame.tick + holdTicks });
      }
      const h = this.held.get(frame.ids[i]);
      if (h && h.untilTick >= frame.tick) this.turn[i] = h.dir;
      else if (h) this.held.delete(frame.ids[i]);
      this.braking[i] = braking ? 1 : 0;
    }
    // Vehicles that left: forget their signals.
    if (this.held.size > n) {
      const present = new Set(frame.ids);
      for (const id of this.held.keys()) if (!present.has(id)) this.held.delete(id);
    }
  }
}
