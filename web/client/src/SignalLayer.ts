/**
 * Traffic-light heads: one small lamp per signal-controlled connection, at the end of its incoming
 * lane (lamps of one lane side by side), coloured by the connection's character in its light's
 * current state string — green `G`/`g`, yellow `y`/`Y`/`u`, red `r`/`R`/`s`, grey when off or unknown.
 */
import { BoxGeometry, Color, Group, InstancedMesh, MeshBasicMaterial, Object3D } from "three";
import type { ReplayMap } from "../../../replay/ReplayHeader.js";

const GREEN = new Color(0x35e05a);
const YELLOW = new Color(0xffc933);
const RED = new Color(0xff3b30);
const OFF = new Color(0x59626a);
/** Lamp height above the road (m). */
const LAMP_Z = 0.4;

/** The colour of one character of a SUMO signal state string. */
export function signalColor(ch: string | undefined): Color {
  switch (ch) {
    case "G":
    case "g":
      return GREEN;
    case "y":
    case "Y":
    case "u":
      return YELLOW;
    case "r":
    case "R":
    case "s":
      return RED;
    default:
      return OFF;
  }
}

/** The map's signal lamps. */
export class SignalLayer {
  readonly group = new Group();
  private readonly mesh: InstancedMesh | undefined;
  private readonly links: { tlId: string; linkIndex: number }[] = [];
  private lastKey = "";

  constructor(map: ReplayMap) {
    this.group.name = "signals";
    const lanes = new Map<string, { shape: [number, number][]; widthM: number }>();
    for (const r of map.roads) for (const l of r.lanes) lanes.set(l.id, l);
    const placed: { x: number; y: number; h: number }[] = [];
    const perLane = new Map<string, number>();
    const seen = new Set<string>();
    for (const c of map.connections) {
      if (c.tlId === undefined || c.linkIndex === undefined) continue;
      const key = `${c.fromLane}|${c.tlId}|${c.linkIndex}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const lane = lanes.get(c.fromLane);
      if (!lane) continue;
      const p = lane.shape[lane.shape.length - 1];
      const q = lane.shape[lane.shape.length - 2];
      const h = Math.atan2(p[1] - q[1], p[0] - q[0]);
      const k = perLane.get(c.fromLane) ?? 0;
      perLane.set(c.fromLane, k + 1);
      // Lamps of one lane sit side by side across it, from its right edge.
      const t = -lane.widthM / 2 + 0.5 + ((k * 0.8) % Math.max(0.8, lane.widthM - 0.5));
      placed.push({ x: p[0] - Math.sin(h) * t, y: p[1] + Math.cos(h) * t, h });
      this.links.push({ tlId: c.tlId, linkIndex: c.linkIndex });
    }
    if (placed.length === 0) return;
    this.mesh = new InstancedMesh(
      new BoxGeometry(0.6, 0.6, 0.3),
      new MeshBasicMaterial({ color: 0xffffff }),
      placed.length,
    );
    this.mesh.frustumCulled = false;
    const o = new Object3D();
    placed.forEach((p, i) => {
      o.position.set(p.x, p.y, LAMP_Z);
      o.rotation.set(0, 0, p.h);
      o.updateMatrix();
      this.mesh!.setMatrixAt(i, o.matrix);
      this.mesh!.setColorAt(i, OFF);
    });
    this.group.add(this.mesh);
  }

  /** Number of lamps. */
  get count(): number {
    return this.links.length;
  }

  /** Colours the lamps for the signal states of a frame. */
  update(signals: Readonly<Record<string, string>>): void {
    if (!this.mesh) return;
    const key = JSON.stringify(signals);
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.links.forEach((l, i) => this.mesh!.setColorAt(i, signalColor(signals[l.tlId]?.[l.linkIndex])));
    this.mesh.instanceColor!.needsUpdate = true;
  }
}
