/**
 * Reads a replay from any {@link ByteSource}: the header, then frames in order (`next`) or at any
 * tick (`frameAt`: decode from the nearest keyframe at or before it).
 *
 * A cleanly closed file ends with an index (keyframe offsets) that the reader uses directly. A
 * file without a valid one — the writer was killed — is scanned record by record; reading stops
 * at the first record that is cut short or fails its checksum, every frame before it is available,
 * and {@link ReplayReader.recovery} says where and why it stopped. Pure: no Node APIs.
 */
import { ByteReader } from "./ByteReader.js";
import { FrameDecoder } from "./FrameDecoder.js";
import {
  checkMagic,
  FOOTER_BYTES,
  FOOTER_MAGIC,
  readRecord,
  RecordKind,
  REPLAY_MAGIC,
  type ByteSource,
  type RecordAt,
} from "./recordFormat.js";
import type { ReplayFrame } from "./ReplayFrame.js";
import { ReplayFormatError } from "./ReplayFormatError.js";
import { parseReplayHeader, type ReplayHeader } from "./ReplayHeader.js";
import { decodeIndex, type KeyframeEntry, type ReplayIndex } from "./replayIndex.js";

const _textDecoder = new TextDecoder("utf-8", { fatal: true });

/** Random and sequential access to the frames of one replay. */
export class ReplayReader {
  readonly header: ReplayHeader;
  /** Number of whole frames. */
  readonly frameCount: number;
  /** Tick of the first frame (−1 without frames). */
  readonly firstTick: number;
  /** Tick of the last whole frame (−1 without frames). */
  readonly lastTick: number;
  /** Keyframes, in tick order. */
  readonly keyframes: readonly KeyframeEntry[];
  /** Why the file was read by scanning and where that stopped; undefined for a cleanly closed file. */
  readonly recovery: string | undefined;
  private readonly decoder: FrameDecoder;
  /** Offset of the first frame record and just past the last one. */
  private readonly dataStart: number;
  private readonly dataEnd: number;
  private cursor: number;
  private currentFrame: ReplayFrame | undefined;
  private peeked: RecordAt | undefined;

  private constructor(
    private readonly source: ByteSource,
    private readonly name: string,
  ) {
    checkMagic(source, name);
    const head = readRecord(source, REPLAY_MAGIC.length);
    if ("problem" in head) throw new ReplayFormatError(`${name}: no readable header (${head.problem})`);
    if (head.kind !== RecordKind.header) throw new ReplayFormatError(`${name}: the first record is not a header`);
    let json: unknown;
    try {
      json = JSON.parse(_textDecoder.decode(head.payload));
    } catch {
      throw new ReplayFormatError(`${name}: the header is not valid JSON`);
    }
    try {
      this.header = parseReplayHeader(json);
    } catch (e) {
      throw new ReplayFormatError(`${name}: ${(e as Error).message}`);
    }
    this.decoder = new FrameDecoder(this.header.dtS);
    this.dataStart = head.end;
    const trailer = this.readTrailer();
    let index: ReplayIndex;
    if (trailer) {
      index = trailer.index;
      this.dataEnd = trailer.offset;
      this.recovery = undefined;
    } else {
      const scan = this.scan();
      index = scan.index;
      this.dataEnd = scan.end;
      this.recovery = scan.problem ?? "the file has no index (the writer did not close it)";
    }
    this.frameCount = index.frameCount;
    this.firstTick = index.firstTick;
    this.lastTick = index.lastTick;
    this.keyframes = index.keyframes;
    this.cursor = this.dataStart;
  }

  /** Opens a replay; throws a {@link ReplayFormatError} when it has no readable magic and header. */
  static open(source: ByteSource, name = "replay"): ReplayReader {
    return new ReplayReader(source, name);
  }

  /** The frame last returned by {@link next} or {@link frameAt}. */
  get current(): ReplayFrame | undefined {
    return this.currentFrame;
  }

  /** Back to before the first frame. */
  rewind(): void {
    this.cursor = this.dataStart;
    this.currentFrame = undefined;
    this.peeked = undefined;
    this.decoder.reset();
  }

  /** The next frame in file order, or undefined after the last one. */
  next(): ReplayFrame | undefined {
    const rec = this.peekRecord();
    if (!rec) return undefined;
    this.peeked = undefined;
    const frame = this.decoder.decode(rec.kind, rec.payload, `${this.name}: frame record at byte ${rec.offset}`);
    this.cursor = rec.end;
    this.currentFrame = frame;
    return frame;
  }

  /** The last frame whose tick is at most `tick` (the first frame for earlier ticks). */
  frameAt(tick: number): ReplayFrame {
    if (this.frameCount === 0) throw new ReplayFormatError(`${this.name}: the replay has no frames`);
    const t = Math.max(this.firstTick, Math.min(this.lastTick, Math.floor(tick)));
    const key = this.keyframeAtOrBefore(t);
    const cur = this.currentFrame;
    if (!cur || cur.tick > t || cur.tick < key.tick) {
      this.cursor = key.offset;
      this.currentFrame = undefined;
      this.peeked = undefined;
      this.decoder.reset();
    }
    for (;;) {
      const nextTick = this.peekTick();
      if (nextTick === undefined || (this.currentFrame && nextTick > t)) break;
      this.next();
    }
    if (!this.currentFrame) throw new ReplayFormatError(`${this.name}: no frame at or before tick ${tick}`);
    return this.currentFrame;
  }

  /** Every frame from the first, in order, with its own cursor (independent of {@link next} and {@link frameAt}). */
  *frames(): Generator<ReplayFrame> {
    const decoder = new FrameDecoder(this.header.dtS);
    for (let offset = this.dataStart; offset < this.dataEnd;) {
      const rec = readRecord(this.source, offset);
      if ("problem" in rec) throw new ReplayFormatError(`${this.name}: ${rec.problem}`);
      yield decoder.decode(rec.kind, rec.payload, `${this.name}: frame record at byte ${rec.offset}`);
      offset = rec.end;
    }
  }

  private keyframeAtOrBefore(tick: number): KeyframeEntry {
    const ks = this.keyframes;
    let lo = 0;
    let hi = ks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ks[mid].tick <= tick) lo = mid;
      else hi = mid - 1;
    }
    return ks[lo];
  }

  private peekRecord(): RecordAt | undefined {
    if (this.peeked) return this.peeked;
    if (this.cursor >= this.dataEnd) return undefined;
    const rec = readRecord(this.source, this.cursor);
    if ("problem" in rec) throw new ReplayFormatError(`${this.name}: ${rec.problem}`);
    this.peeked = rec;
    return rec;
  }

  private peekTick(): number | undefined {
    const rec = this.peekRecord();
    return rec ? new ByteReader(rec.payload, `${this.name}: record at byte ${rec.offset}`).varuint() : undefined;
  }

  /** The index the footer points to, if the file has a footer and the index checks out. */
  private readTrailer(): { index: ReplayIndex; offset: number } | undefined {
    const size = this.source.size;
    if (size < this.dataStart + FOOTER_BYTES) return undefined;
    const foot = this.source.read(size - FOOTER_BYTES, FOOTER_BYTES);
    if (foot.length < FOOTER_BYTES || FOOTER_MAGIC.some((b, i) => foot[8 + i] !== b)) return undefined;
    const view = new DataView(foot.buffer, foot.byteOffset, FOOTER_BYTES);
    const offset = view.getUint32(0, true) + view.getUint32(4, true) * 0x1_0000_0000;
    if (offset < this.dataStart || offset >= size) return undefined;
    const rec = readRecord(this.source, offset);
    if ("problem" in rec || rec.kind !== RecordKind.index || rec.end !== size - FOOTER_BYTES) return undefined;
    try {
      const index = decodeIndex(rec.payload, `${this.name}: index`);
      if (index.frameCount > 0 && (index.keyframes.length === 0 || index.keyframes[0].offset !== this.dataStart))
        return undefined;
      return { index, offset };
    } catch {
      return undefined;
    }
  }

  /** Walks the records after the header, stopping at the index or the first bad record. */
  private scan(): { index: ReplayIndex; end: number; problem: string | undefined } {
    const keyframes: KeyframeEntry[] = [];
    let frameCount = 0;
    let firstTick = -1;
    let lastTick = -1;
    let offset = this.dataStart;
    let problem: string | undefined;
    const size = this.source.size;
    while (offset < size) {
      const rec = readRecord(this.source, offset);
      if ("problem" in rec) {
        problem = `read up to byte ${offset} of ${size}: ${rec.problem}`;
        break;
      }
      if (rec.kind === RecordKind.index) break;
      if (rec.kind === RecordKind.header) {
        problem = `read up to byte ${offset}: a second header record`;
        break;
      }
      let tick: number;
      try {
        tick = new ByteReader(rec.payload).varuint();
      } catch {
        problem = `read up to byte ${offset}: frame record without a tick`;
        break;
      }
      if (frameCount === 0 && rec.kind !== RecordKind.keyframe) {
        problem = `read up to byte ${offset}: the first frame is not a keyframe`;
        break;
      }
      if (frameCount > 0 && tick <= lastTick) {
        problem = `read up to byte ${offset}: tick ${tick} does not follow tick ${lastTick}`;
        break;
      }
      if (rec.kind === RecordKind.keyframe) keyframes.push({ tick, offset });
      if (frameCount === 0) firstTick = tick;
      lastTick = tick;
      frameCount++;
      offset = rec.end;
    }
    return { index: { frameCount, firstTick, lastTick, keyframes }, end: offset, problem };
  }
}
