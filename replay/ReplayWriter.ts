/**
 * Writes a replay file as the simulation runs: a {@link FrameSink} (DESIGN.md §4 phase 8) that
 * appends one record per frame with a single `write` call, so the file on disk is at every moment
 * a readable replay up to its last whole frame — a killed process loses at most the frame being
 * written (readers recover by scanning, see {@link ReplayReader}). `close` appends the keyframe
 * index and the footer that let readers skip the scan. Node only (the viewer never bundles this).
 *
 * The file is created with the first frame, its header and that frame written at once, so a run
 * that fails or is killed before its first frame leaves no file, and never an empty one. A write
 * that fails (disk full, quota, file-size limit) cuts the file back to its last whole record,
 * closes it — a replay readable up to the last frame written — and throws an
 * {@link OutputWriteError}; later calls do nothing. A file that got no record at all is removed.
 *
 * Per-agent rewards and done flags are not part of a `SimFrame`; whoever runs the simulation
 * attaches them through the `agents` callback, called with each frame as it is recorded. Bubble
 * zones come from the frame (`SimFrame.bubbles`) unless a `bubbles` callback overrides them.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, unlinkSync, writeSync } from "node:fs";
import { checkWritableOutput, OutputWriteError } from "../spec/OutputWriteError.js";
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { SimFrame } from "../core/simulation/SimFrame.js";
import type { EncodableFrame } from "./FrameEncoder.js";
import { ReplayEncoder, type ReplayWriterOptions } from "./ReplayEncoder.js";
import type { ReplayHeader } from "./ReplayHeader.js";

export type { ReplayWriterOptions } from "./ReplayEncoder.js";

/** Streams frames into a replay file. */
export class ReplayWriter implements FrameSink {
  private fd: number | undefined;
  /** Closed (by `close`, or after a failed write): nothing more is written. */
  private closed = false;
  /** Why writing stopped, when a write failed. */
  private failure: OutputWriteError | undefined;
  private readonly encoder: ReplayEncoder;
  /** Bytes written to the file. */
  private offset = 0;
  /** Frames in the file, and the tick of the last. */
  private writtenFrames = 0;
  private lastWrittenTick = -1;

  /**
   * Checks `path` at once (a missing folder or a folder in its place fails before the run starts);
   * the file is created (or truncated) with the first frame.
   * @throws OutputWriteError when `path` cannot be a file
   */
  constructor(
    readonly path: string,
    options: ReplayWriterOptions,
  ) {
    this.encoder = new ReplayEncoder(path, options);
    checkWritableOutput("the replay", path);
  }

  /** Why writing stopped early (a failed write), or undefined. */
  get writeFailure(): OutputWriteError | undefined {
    return this.failure;
  }

  /** The header written (after the first frame). */
  get header(): ReplayHeader | undefined {
    return this.encoder.header;
  }

  /** Frames written. */
  get frameCount(): number {
    return this.writtenFrames;
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  /** Sum over frames of the vehicles in them. */
  get vehicleFrames(): number {
    return this.encoder.vehicleFrames;
  }

  /** Bytes of frame records (with their framing) per vehicle per frame, so far. */
  get bytesPerVehicleFrame(): number {
    return this.encoder.bytesPerVehicleFrame;
  }

  /** Records a simulation frame (the sink interface). */
  onFrame(frame: SimFrame): void {
    if (this.failure) return;
    if (this.closed) throw new Error(`replay ${this.path}: already closed`);
    this.write(this.encoder.encodeSimFrame(frame));
  }

  /** Records a frame given as replay columns (ticks must increase). */
  writeFrame(frame: EncodableFrame): void {
    if (this.failure) return;
    if (this.closed) throw new Error(`replay ${this.path}: already closed`);
    this.write(this.encoder.encodeFrame(frame));
  }

  /**
   * Appends the index and footer and closes the file; a writer that got no frame writes no file.
   * Safe to call twice, and after a failed write (it does nothing then).
   * @throws OutputWriteError when the index cannot be written (the frames stay readable)
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.fd === undefined) return;
    this.append(this.encoder.finish());
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Writes a frame's bytes, creating the file with the first. */
  private write(bytes: Uint8Array): void {
    if (this.fd === undefined) this.open();
    this.append(bytes);
    this.writtenFrames++;
    this.lastWrittenTick = this.encoder.lastTick;
  }

  private open(): void {
    try {
      this.fd = openSync(this.path, "w");
    } catch (e) {
      throw this.fail(e);
    }
  }

  /**
   * After a failed write: the file cut back to its last whole record and closed (removed when it
   * holds none), the writer closed; returns the error to throw.
   */
  private fail(cause: unknown): OutputWriteError {
    const fd = this.fd;
    this.fd = undefined;
    this.closed = true;
    if (fd !== undefined) {
      let regular = false;
      try {
        regular = fstatSync(fd).isFile();
        if (regular) ftruncateSync(fd, this.offset);
      } catch {
        // The frames before stay readable by recovery even with a torn record after them.
      }
      closeSync(fd);
      if (regular && this.offset === 0) unlinkSync(this.path);
    }
    this.failure = OutputWriteError.of(
      "the replay",
      this.path,
      cause,
      this.writtenFrames > 0
        ? `it stops after ${this.writtenFrames} frames (tick ${this.lastWrittenTick}) and reads back up to there`
        : "no frame was written",
    );
    return this.failure;
  }

  /** One `write` per record: the file never holds a record's end without its start. */
  private append(bytes: Uint8Array): void {
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done);
    } catch (e) {
      throw this.fail(e);
    }
    this.offset += bytes.length;
  }
}
