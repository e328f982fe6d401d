/**
 * Where frames go in the record phase (DESIGN.md §4 phase 8): replay writers, live viewers, metric
 * collectors. A sink receives every frame, in tick order, starting with the reset frame.
 */
import type { SimFrame } from "./SimFrame.js";

/** Receives the simulation's frames. */
export interface FrameSink {
  /** Called once per frame; a returned promise is awaited before the step returns. */
  onFrame(frame: SimFrame): void | Promise<void>;
  /** Called when the episode's simulation is closed. */
  close?(): void | Promise<void>;
}
