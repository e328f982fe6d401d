/**
 * The HUD's list of recent events: each tick's events are listed once, whatever the order frames
 * arrive in. A frame of a tick already listed (the same frame sent again, or shown again when a
 * vehicle is selected) adds nothing; a frame from the past (a seek back) first drops what was
 * listed from its tick on, so replaying that stretch lists its events again, once.
 */

/** Recent event lines, oldest first. */
export class EventLog {
  private entries: { tick: number; text: string }[] = [];
  private lastTick = -1;

  /** @param capacity how many lines are kept (the newest). */
  constructor(private readonly capacity = 5) {}

  /** Adds the event lines of the frame at `tick`. */
  add(tick: number, lines: readonly string[]): void {
    if (tick === this.lastTick) return;
    if (tick < this.lastTick) this.entries = this.entries.filter((e) => e.tick < tick);
    this.lastTick = tick;
    for (const text of lines) this.entries.push({ tick, text });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** The kept lines, oldest first. */
  lines(): string[] {
    return this.entries.map((e) => e.text);
  }

  /** Forgets everything (a new replay). */
  clear(): void {
    this.entries = [];
    this.lastTick = -1;
  }
}
