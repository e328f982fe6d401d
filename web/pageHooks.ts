/**
 * The viewer page's `window.roadgym` hooks (web/client/src/Viewer.ts, `ViewerHooks`) as the Node side
 * sees them — the part the browser tests and the viewer benchmark call inside `page.evaluate`. The
 * client is compiled apart (DOM, three.js), so its type is not imported here; keep the two in step.
 */

/** The hooks the Node side calls in the page. */
export interface PageHooks {
  /** The last frame shown (undefined before the first). */
  frame(): { tick: number; ids: string[] } | undefined;
  /** What the server said first. */
  hello(): { name: string } | undefined;
  /** Render frames drawn since the page loaded. */
  renderedFrames(): number;
  /** Frames per second drawn over the next `ms` milliseconds. */
  measureFps(ms: number): Promise<number>;
  seek(tick: number): void;
  play(): void;
  pause(): void;
  /** Selects the vehicle with this id (false if not in the frame). */
  select(id: string): boolean;
  /** The canvas as a PNG data URL, freshly rendered. */
  screenshot(): string;
  /** Errors reported so far. */
  errors(): string[];
}

declare global {
  // In the page: `window.roadgym` (set by the client's Viewer once it starts; `roadgym?.` before).
  var roadgym: PageHooks;
}
