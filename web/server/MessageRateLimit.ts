/**
 * A per-client limit on viewer messages (a token bucket), so that one flooding client cannot starve
 * the other viewers and the HTTP routes of the single-threaded server. A client may send
 * `perSecond` messages a second on average and `burst` at once; further messages are dropped, and
 * a client with more than `burst` messages dropped within one second is flooding and is
 * disconnected. The viewer's own client sends a few messages a second (its scrubber sends at most
 * ~16 seeks a second), far below the default.
 */

/** The limit's settings. */
export interface MessageRateOptions {
  /** Messages per second a client may send on average. @default 50 */
  perSecond: number;
  /** Messages a client may send at once (the bucket's size). @default 2 × perSecond */
  burst: number;
}

/** The default limit. */
export const DEFAULT_MESSAGE_RATE: MessageRateOptions = { perSecond: 50, burst: 100 };

/** What to do with one message. */
export type RateVerdict =
  /** Handle it. */
  | "accept"
  /** Drop it and tell the client (the first drop in a second). */
  | "drop-and-warn"
  /** Drop it silently. */
  | "drop"
  /** Drop it and disconnect the client: it is flooding. */
  | "disconnect";

/** One client's message budget. */
export class MessageRateLimit {
  private tokens: number;
  private lastMs: number;
  private windowStartMs: number;
  private droppedInWindow = 0;

  /** @param nowMs the clock (ms), injected for tests. */
  constructor(
    private readonly options: MessageRateOptions = DEFAULT_MESSAGE_RATE,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    if (!(options.perSecond > 0) || !(options.burst >= 1))
      throw new Error(`message rate: expected perSecond > 0 and burst ≥ 1, got ${JSON.stringify(options)}`);
    this.tokens = options.burst;
    this.lastMs = this.windowStartMs = nowMs();
  }

  /** Counts one message and says what to do with it. */
  take(): RateVerdict {
    const now = this.nowMs();
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.lastMs) / 1000) * this.options.perSecond);
    this.lastMs = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return "accept";
    }
    if (now - this.windowStartMs >= 1000) {
      this.windowStartMs = now;
      this.droppedInWindow = 0;
    }
    this.droppedInWindow++;
    if (this.droppedInWindow > this.options.burst) return "disconnect";
    return this.droppedInWindow === 1 ? "drop-and-warn" : "drop";
  }
}
