/**
 * Dynamic resolution for software WebGL (no GPU: SwiftShader, llvmpipe), where the cost of a frame
 * is mostly the pixels filled: when the frame rate stays under {@link LOW_FPS} for a second, the
 * canvas renders at a lower share of the page's resolution (down to {@link MIN_SCALE}; the browser
 * scales it up), and back up when it stays over {@link HIGH_FPS}. On a GPU it stays at 1. The page's
 * `?scale=` fixes the share instead.
 */

/** Frame rate (frames/s) under which the resolution goes down… */
export const LOW_FPS = 30;
/** …and over which it goes back up. */
export const HIGH_FPS = 50;
/** The lowest share of the resolution. */
export const MIN_SCALE = 0.5;
const STEP = 0.125;

/** Chooses the share of the resolution to render. */
export class ResolutionScaler {
  private windowStartMs = -1;
  private frames = 0;

  /**
   * @param adaptive whether the share follows the frame rate.
   * @param scale the share to start with (and keep, when not adaptive).
   */
  constructor(
    private readonly adaptive: boolean,
    public scale = 1,
  ) {}

  /** Counts a frame drawn at `nowMs`; true when the share changed (the canvas must be resized). */
  frame(nowMs: number): boolean {
    if (!this.adaptive) return false;
    if (this.windowStartMs < 0) this.windowStartMs = nowMs;
    this.frames++;
    const elapsed = nowMs - this.windowStartMs;
    if (elapsed < 1000) return false;
    const fps = (this.frames * 1000) / elapsed;
    this.windowStartMs = nowMs;
    this.frames = 0;
    const before = this.scale;
    if (fps < LOW_FPS) this.scale = Math.max(MIN_SCALE, this.scale - STEP);
    else if (fps > HIGH_FPS) this.scale = Math.min(1, this.scale + STEP);
    return this.scale !== before;
  }
}
