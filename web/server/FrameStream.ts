/**
 * Frames to one viewer: each is encoded with this viewer's own {@link FrameEncoder} (a delta on the
 * last frame it received, a keyframe for a new viewer or after a timeout) and sent as binary with
 * an acknowledgement. While a frame is unacknowledged, newer frames replace each other in a
 * one-frame slot, so a slow viewer shows the latest state instead of falling behind.
 */
import type { Socket } from "socket.io";
import { FrameEncoder, type EncodableFrame } from "../../replay/FrameEncoder.js";

/** How long a viewer may take to acknowledge a frame (ms) before the next is sent as a keyframe. */
const ACK_TIMEOUT_MS = 10_000;

/** Sends frames to one socket with flow control. */
export class FrameStream {
  private readonly encoder = new FrameEncoder({ keyframeInterval: 50 });
  private inFlight = false;
  private pending: EncodableFrame | undefined;
  private closed = false;

  constructor(private readonly socket: Socket) {}

  /** Sends `frame` now, or as soon as the viewer has acknowledged the previous one. */
  send(frame: EncodableFrame): void {
    if (this.closed) return;
    if (this.inFlight) {
      this.pending = frame;
      return;
    }
    const enc = this.encoder.encode(frame);
    const msg = new Uint8Array(enc.payload.length + 1);
    msg[0] = enc.kind;
    msg.set(enc.payload, 1);
    this.inFlight = true;
    this.socket.timeout(ACK_TIMEOUT_MS).emit("frame", msg, (err: Error | null) => {
      this.inFlight = false;
      if (err) this.encoder.reset();
      const next = this.pending;
      this.pending = undefined;
      if (next) this.send(next);
    });
  }

  /** The next frame is a keyframe (after the viewer switched replays). */
  restart(): void {
    this.encoder.reset();
    this.pending = undefined;
  }

  /** Stops sending (the viewer left). */
  close(): void {
    this.closed = true;
    this.pending = undefined;
  }
}
