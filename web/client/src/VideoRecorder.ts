/**
 * Video export: records the viewer's canvas as WebM with the browser's MediaRecorder, fed by the
 * canvas's `captureStream` (a frame each time the canvas is drawn, at most `fps` per second).
 */

/** WebM types in order of preference (VP9 is smaller; VP8 plays everywhere). */
const TYPES = ["video/webm;codecs=vp9", "video/webm;codecs=vp8", "video/webm"];

/** The first WebM type this browser records, or undefined when it records none. */
export function webmType(): string | undefined {
  if (typeof MediaRecorder === "undefined") return undefined;
  return TYPES.find((t) => MediaRecorder.isTypeSupported(t));
}

/** Records one canvas. */
export class VideoRecorder {
  private recorder: MediaRecorder | undefined;
  private chunks: Blob[] = [];

  /**
   * @param canvas the canvas to record.
   * @param fps most frames per second captured.
   * @param bitsPerSecond video bit rate.
   */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly fps = 30,
    private readonly bitsPerSecond = 8_000_000,
  ) {}

  /** Whether a recording is under way. */
  get recording(): boolean {
    return this.recorder !== undefined;
  }

  /** Starts recording; throws with the reason where the browser cannot. */
  start(): void {
    if (this.recorder) return;
    const mimeType = webmType();
    if (!mimeType) throw new Error("this browser cannot record WebM video (no MediaRecorder support)");
    const stream = this.canvas.captureStream(this.fps);
    this.chunks = [];
    this.recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: this.bitsPerSecond });
    this.recorder.ondataavailable = (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    };
    // Chunks every second: a long recording does not hold one growing buffer in the encoder.
    this.recorder.start(1000);
  }

  /** Stops recording; resolves to the WebM video. */
  stop(): Promise<Blob> {
    const r = this.recorder;
    if (!r) return Promise.reject(new Error("not recording"));
    this.recorder = undefined;
    return new Promise((resolve) => {
      r.onstop = () => {
        for (const t of r.stream.getTracks()) t.stop();
        resolve(new Blob(this.chunks, { type: r.mimeType.split(";")[0] }));
      };
      r.stop();
    });
  }
}
