/**
 * The viewer page's `window.roadgym` hooks (web/client/src/Viewer.ts, `ViewerHooks`) as the Node side
 * sees them — the part the browser tests and the viewer benchmark call inside `page.evaluate`. The
 * client is compiled apart (DOM, three.js), so its type is not imported here; keep the two in step.
 */

/** The hooks the Node side calls in the page. */
export interface PageHooks {
  /** The last frame shown (undefined before the first). */
  frame(): { tick: number; ids: string[]; x: Float64Array; y: Float64Array } | undefined;
  /** What the server said first. */
  hello(): { name: string } | undefined;
  /** Render frames drawn since the page loaded. */
  renderedFrames(): number;
  /** Frames per second drawn over the next `ms` milliseconds. */
  measureFps(ms: number): Promise<number>;
  seek(tick: number): void;
  play(): void;
  pause(): void;
  speed(value: number): void;
  /** Selects the vehicle with this id (false if not in the frame). */
  select(id: string): boolean;
  /** The selected vehicle's id (undefined: none). */
  selected(): string | undefined;
  /** The camera mode. */
  cameraMode(): "orbit" | "top" | "chase";
  /** What each vehicle type draws: model family, vehicles, those drawn with the full model, wheels. */
  draws(): { typeId: string; kind: string; count: number; near: number; wheels: number }[];
  /** Vehicles of the shown frame with brake lights on, signalling left or right; lamps lit. */
  lights(): { braking: number; left: number; right: number; lamps: number };
  /** The selected vehicle's trail points and waypoints ahead. */
  route(): { trail: number; waypoints: number };
  /** Where a vehicle is on the page (CSS pixels), or undefined when not in view. */
  screenPosition(id: string): { x: number; y: number } | undefined;
  /** Trees placed around the map. */
  trees(): number;
  /** Clears the selection and shows the whole map from an angle. */
  overview(): void;
  /** The share of the page's resolution rendered. */
  resolutionScale(): number;
  /** Shows or hides a layer of the scene by name (scenery, map, vehicles, route, signals, bubbles). */
  showLayer(name: string, visible: boolean): boolean;
  /** Records the canvas as video for `ms` ms: the WebM's size (bytes) and MIME type. */
  recordVideo(ms: number): Promise<{ size: number; type: string }>;
  /** The canvas as a PNG data URL, freshly rendered. */
  screenshot(): string;
  /** Errors reported so far. */
  errors(): string[];
}

declare global {
  // In the page: `window.roadgym` (set by the client's Viewer once it starts; `roadgym?.` before).
  var roadgym: PageHooks;
}
