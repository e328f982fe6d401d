/**
 * Bubble zones: a translucent fill and outline for each zone, and a dashed-looking fainter outline
 * for its airlock ring; rebuilt only when the bubbles change (they move with the vehicle they follow).
 */
import {
  BufferGeometry,
  DoubleSide,
  Float32BufferAttribute,
  Group,
  LineBasicMaterial,
  LineLoop,
  Mesh,
  MeshBasicMaterial,
  ShapeUtils,
  Vector2,
} from "three";
import type { ReplayBubble } from "../../../replay/ReplayFrame.js";
import type { ReplayPoint } from "../../../replay/ReplayHeader.js";

const Z = 0.06;

function outline(points: readonly ReplayPoint[], material: LineBasicMaterial): LineLoop {
  const g = new BufferGeometry();
  g.setAttribute(
    "position",
    new Float32BufferAttribute(
      points.flatMap((p) => [p[0], p[1], Z]),
      3,
    ),
  );
  return new LineLoop(g, material);
}

function fill(points: readonly ReplayPoint[], material: MeshBasicMaterial): Mesh {
  const contour = points.map((p) => new Vector2(p[0], p[1]));
  const pos: number[] = [];
  for (const tri of ShapeUtils.triangulateShape(contour, []))
    for (const k of tri) pos.push(contour[k].x, contour[k].y, Z);
  const g = new BufferGeometry();
  g.setAttribute("position", new Float32BufferAttribute(pos, 3));
  return new Mesh(g, material);
}

/** The bubbles of the current frame. */
export class BubbleLayer {
  readonly group = new Group();
  private lastKey = "[]";
  private readonly zoneLine = new LineBasicMaterial({ color: 0xd77bff });
  private readonly airlockLine = new LineBasicMaterial({ color: 0xd77bff, transparent: true, opacity: 0.45 });
  private readonly zoneFill = new MeshBasicMaterial({
    color: 0xb455e0,
    transparent: true,
    opacity: 0.07,
    side: DoubleSide,
    depthWrite: false,
  });

  constructor() {
    this.group.name = "bubbles";
  }

  /** Shows `bubbles` (no work when unchanged). */
  update(bubbles: readonly ReplayBubble[]): void {
    const key = JSON.stringify(bubbles);
    if (key === this.lastKey) return;
    this.lastKey = key;
    for (const child of [...this.group.children]) {
      this.group.remove(child);
      (child as Mesh).geometry.dispose();
    }
    for (const b of bubbles) {
      this.group.add(fill(b.zone, this.zoneFill));
      this.group.add(outline(b.zone, this.zoneLine));
      if (b.airlock) this.group.add(outline(b.airlock, this.airlockLine));
    }
  }
}
