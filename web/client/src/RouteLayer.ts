/**
 * The selected vehicle's recent trail and its path ahead: a fading ribbon over the positions it
 * held in the frames shown (up to {@link TRAIL_S} seconds; cleared on a seek or a new selection),
 * and a ribbon with waypoint markers every {@link WAYPOINT_STEP_M} metres along its path ahead
 * (LaneGraph.ts: along a learning agent's planned route from the replay header, else along the
 * lanes, straightest at junctions).
 */
import {
  AdditiveBlending,
  BufferGeometry,
  CircleGeometry,
  Color,
  DoubleSide,
  DynamicDrawUsage,
  Float32BufferAttribute,
  Group,
  InstancedMesh,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
} from "three";
import type { ReplayPoint } from "../../../replay/ReplayHeader.js";
import type { LaneGraph } from "./LaneGraph.js";

/** Seconds of trail kept. */
export const TRAIL_S = 30;
/** Length (m) of the path drawn ahead. */
export const AHEAD_M = 120;
/** Spacing (m) of the waypoint markers. */
export const WAYPOINT_STEP_M = 5;
const Z_TRAIL = 0.07;
const Z_PATH = 0.08;

/** Triangles of a flat ribbon `halfWidth` m either side of a polyline; with `fade`, its colour fades to black (nothing, blended additively) towards the start. */
function ribbon(
  points: readonly ReplayPoint[],
  halfWidth: number,
  z: number,
  color: Color,
  fade: boolean,
): BufferGeometry {
  const pos: number[] = [];
  const col: number[] = [];
  const n = points.length;
  for (let i = 0; i + 1 < n; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[i + 1];
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const nx = (-(y1 - y0) / len) * halfWidth;
    const ny = ((x1 - x0) / len) * halfWidth;
    const a0 = fade ? i / (n - 1) : 1;
    const a1 = fade ? (i + 1) / (n - 1) : 1;
    pos.push(x0 - nx, y0 - ny, z, x1 - nx, y1 - ny, z, x1 + nx, y1 + ny, z);
    pos.push(x0 - nx, y0 - ny, z, x1 + nx, y1 + ny, z, x0 + nx, y0 + ny, z);
    for (const a of [a0, a1, a1, a0, a1, a0]) col.push(color.r * a, color.g * a, color.b * a);
  }
  const g = new BufferGeometry();
  g.setAttribute("position", new Float32BufferAttribute(pos, 3));
  g.setAttribute("color", new Float32BufferAttribute(col, 3));
  return g;
}

/** The selected vehicle's trail and path ahead. */
export class RouteLayer {
  readonly group = new Group();
  private readonly trailMesh: Mesh;
  private readonly pathMesh: Mesh;
  private readonly markers: InstancedMesh;
  private trail: ReplayPoint[] = [];
  private trailId: string | undefined;
  private lastTick = -1;
  private readonly maxTrail: number;
  private ahead: ReplayPoint[] = [];

  /**
   * @param dtS seconds per tick (for the trail's length).
   * @param routes planned routes (road ids) by vehicle id (the replay header's learning agents').
   */
  constructor(
    private readonly graph: LaneGraph,
    dtS: number,
    private readonly routes: Readonly<Record<string, readonly string[]>> = {},
  ) {
    this.group.name = "route";
    this.maxTrail = Math.max(2, Math.round(TRAIL_S / dtS));
    // Additive blending: the ribbons glow over the road, black (faded) adds nothing.
    const glow = {
      vertexColors: true,
      transparent: true,
      depthWrite: false,
      side: DoubleSide,
      blending: AdditiveBlending,
    } as const;
    this.trailMesh = new Mesh(new BufferGeometry(), new MeshBasicMaterial(glow));
    this.trailMesh.name = "trail";
    this.pathMesh = new Mesh(new BufferGeometry(), new MeshBasicMaterial(glow));
    this.pathMesh.name = "path-ahead";
    this.markers = new InstancedMesh(
      new CircleGeometry(0.45, 12).translate(0, 0, Z_PATH + 0.01),
      new MeshBasicMaterial({ color: 0xfff6c2 }),
      Math.ceil(AHEAD_M / WAYPOINT_STEP_M) + 2,
    );
    this.markers.instanceMatrix.setUsage(DynamicDrawUsage);
    this.markers.name = "waypoints";
    this.markers.count = 0;
    this.markers.frustumCulled = false;
    for (const m of [this.trailMesh, this.pathMesh]) m.frustumCulled = false;
    this.group.add(this.trailMesh, this.pathMesh, this.markers);
  }

  /** Trail points held now. */
  get trailLength(): number {
    return this.trail.length;
  }

  /** Waypoints drawn ahead now. */
  get waypoints(): readonly ReplayPoint[] {
    return this.ahead;
  }

  /**
   * Shows the vehicle `id` (undefined: none) at (x, y) on `laneId` at `tick`; `jump` (a seek, or the
   * first frame) starts the trail over.
   */
  update(id: string | undefined, x: number, y: number, laneId: string, tick: number, jump: boolean): void {
    if (id === undefined) {
      this.trail = [];
      this.trailId = undefined;
      this.ahead = [];
      this.group.visible = false;
      return;
    }
    this.group.visible = true;
    if (id !== this.trailId || jump || tick < this.lastTick) this.trail = [];
    this.trailId = id;
    if (tick !== this.lastTick || this.trail.length === 0) this.trail.push([x, y]);
    this.lastTick = tick;
    if (this.trail.length > this.maxTrail) this.trail.splice(0, this.trail.length - this.maxTrail);
    this.trailMesh.geometry.dispose();
    this.trailMesh.geometry = ribbon(this.trail, 0.22, Z_TRAIL, new Color(0xff9a3c).multiplyScalar(0.8), true);
    this.ahead = this.graph.pathAhead(laneId, x, y, AHEAD_M, WAYPOINT_STEP_M, this.routes[id] ?? []);
    this.pathMesh.geometry.dispose();
    this.pathMesh.geometry = ribbon(this.ahead, 0.45, Z_PATH, new Color(0x2fa8ff).multiplyScalar(0.5), false);
    const m = new Matrix4();
    const count = Math.min(this.markers.instanceMatrix.count, Math.max(0, this.ahead.length - 1));
    for (let k = 0; k < count; k++) {
      const [px, py] = this.ahead[k + 1];
      this.markers.setMatrixAt(k, m.makeTranslation(px, py, 0));
    }
    this.markers.count = count;
    this.markers.instanceMatrix.needsUpdate = true;
  }
}
