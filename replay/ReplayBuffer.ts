/**
 * A replay kept in memory: a {@link FrameSink} whose `bytes()` is, at any moment, a complete replay
 * file of the frames so far (index and footer included) — what the browser playground downloads as
 * a `.replay` that `roadgym view` opens. Same bytes as {@link ReplayWriter} writes for the same frames.
 */
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { SimFrame } from "../core/simulation/SimFrame.js";
import { ReplayEncoder, type ReplayWriterOptions } from "./ReplayEncoder.js";
import type { ReplayHeader } from "./ReplayHeader.js";

/** An in-memory replay of one episode. */
export class ReplayBuffer implements FrameSink {
  private readonly encoder: ReplayEncoder;
  private readonly chunks: Uint8Array[] = [];

  /** @param name the replay's name in error messages */
  constructor(name: string, options: ReplayWriterOptions) {
    this.encoder = new ReplayEncoder(name, options);
  }

  /** The header (after the first frame). */
  get header(): ReplayHeader | undefined {
    return this.encoder.header;
  }

  /** Frames recorded. */
  get frameCount(): number {
    return this.encoder.frameCount;
  }

  /** Records a simulation frame (the sink interface). */
  onFrame(frame: SimFrame): void {
    this.chunks.push(this.encoder.encodeSimFrame(frame));
  }

  /** The replay file of the frames so far, or undefined before the first frame. */
  bytes(): Uint8Array | undefined {
    if (this.encoder.frameCount === 0) return undefined;
    const end = this.encoder.finish();
    const out = new Uint8Array(this.encoder.byteCount + end.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    out.set(end, at);
    return out;
  }
}
