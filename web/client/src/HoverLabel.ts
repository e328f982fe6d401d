/**
 * The label shown next to the pointer over a vehicle: id, type, speed and who drives it. Picking
 * runs at most every {@link PICK_INTERVAL_MS} while the pointer moves.
 */

/** Least time (ms) between two picks while the pointer moves. */
export const PICK_INTERVAL_MS = 60;

/** What the label shows of a vehicle. */
export interface HoverInfo {
  id: string;
  type: string;
  speedMps: number;
  owner: string;
}

/** The hover label's element. */
export class HoverLabel {
  readonly element: HTMLDivElement;
  private lastPickMs = -Infinity;

  /**
   * @param container where the label is placed (positioned relative to it).
   * @param pick the vehicle under a client-space point, or undefined.
   */
  constructor(
    container: HTMLElement,
    private readonly pick: (clientX: number, clientY: number) => HoverInfo | undefined,
  ) {
    this.element = document.createElement("div");
    this.element.id = "hover-label";
    this.element.className = "panel";
    this.element.hidden = true;
    container.appendChild(this.element);
    container.addEventListener("pointermove", (e) => this.move(e.clientX, e.clientY, e.buttons !== 0));
    container.addEventListener("pointerleave", () => (this.element.hidden = true));
  }

  private move(clientX: number, clientY: number, dragging: boolean): void {
    const now = performance.now();
    if (dragging) {
      this.element.hidden = true;
      return;
    }
    if (now - this.lastPickMs < PICK_INTERVAL_MS) return;
    this.lastPickMs = now;
    const info = this.pick(clientX, clientY);
    if (!info) {
      this.element.hidden = true;
      return;
    }
    this.element.textContent = `${info.id} · ${info.type} · ${(info.speedMps * 3.6).toFixed(0)} km/h · ${info.owner}`;
    this.element.style.left = `${clientX + 14}px`;
    this.element.style.top = `${clientY + 14}px`;
    this.element.hidden = false;
  }
}
