/**
 * Frame stacking (the SMARTS paper's agents saw the last 3 observations): each slot keeps its last
 * `k` frames; the stacked observation is oldest … newest, `k · frameDim` long. At an episode's first
 * observation the history is filled with that frame (no zeros that never occur later).
 */

/** Frame histories for a block of slots. */
export class FrameStack {
  /** `[slots · k · frameDim]` ring storage, oldest first after {@link write}. */
  private readonly frames: Float32Array;

  constructor(
    /** Slots kept. */
    readonly slots: number,
    /** Length of one frame. */
    readonly frameDim: number,
    /** Frames per stacked observation (1 = no stacking). */
    readonly k: number,
  ) {
    if (!Number.isInteger(k) || k < 1) throw new Error(`frame stack: k must be an integer ≥ 1, got ${k}`);
    this.frames = new Float32Array(slots * k * frameDim);
  }

  /** Length of a stacked observation. */
  get stackedDim(): number {
    return this.k * this.frameDim;
  }

  /** Starts slot `slot`'s history with `frame` repeated. */
  start(slot: number, frame: Float32Array): void {
    this.check(frame);
    const base = slot * this.k * this.frameDim;
    for (let j = 0; j < this.k; j++) this.frames.set(frame, base + j * this.frameDim);
  }

  /** Appends `frame` to slot `slot`'s history (the oldest frame drops out). */
  push(slot: number, frame: Float32Array): void {
    this.check(frame);
    const base = slot * this.k * this.frameDim;
    this.frames.copyWithin(base, base + this.frameDim, base + this.k * this.frameDim);
    this.frames.set(frame, base + (this.k - 1) * this.frameDim);
  }

  /** Writes slot `slot`'s stacked observation into `out` at `offset`. */
  write(slot: number, out: Float32Array, offset: number): void {
    const base = slot * this.k * this.frameDim;
    out.set(this.frames.subarray(base, base + this.k * this.frameDim), offset);
  }

  private check(frame: Float32Array): void {
    if (frame.length !== this.frameDim)
      throw new Error(`frame stack: frame has ${frame.length} elements, expected ${this.frameDim}`);
  }
}
