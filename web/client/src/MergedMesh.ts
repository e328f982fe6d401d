/**
 * A mesh rebuilt every frame from many copies of small templates, each placed (rotated about z and
 * moved) and tinted on the CPU, and drawn with one call. Software WebGL (SwiftShader) pays a fixed
 * cost per instance of an instanced draw, so a thousand far-away vehicles of a few boxes each draw
 * faster as one merged geometry than as instances.
 */
import { BufferAttribute, BufferGeometry, DynamicDrawUsage, Mesh, type Color, type Material } from "three";

/** A template: non-indexed triangles in its own frame (x forward, y left, z up). */
export interface Template {
  positions: Float32Array;
  /** Vertex colours (RGB), or undefined for an untinted template. */
  colors: Float32Array | undefined;
  /** 1 where the tint applies, per vertex. */
  paint: Float32Array | undefined;
  uvs: Float32Array | undefined;
  /** Vertices. */
  count: number;
}

/**
 * The template of a geometry (made non-indexed), without its downward faces (never seen on
 * something standing on the ground) when `dropBottom`.
 */
export function templateOf(geometry: BufferGeometry, dropBottom = false): Template {
  const g = geometry.index ? geometry.toNonIndexed() : geometry;
  const normal = g.getAttribute("normal");
  const n = g.getAttribute("position").count;
  const keep: number[] = [];
  for (let v = 0; v < n; v += 3) {
    if (dropBottom && normal && normal.getZ(v) < -0.5 && normal.getZ(v + 1) < -0.5 && normal.getZ(v + 2) < -0.5)
      continue;
    keep.push(v, v + 1, v + 2);
  }
  const get = (name: string) => {
    const a = g.getAttribute(name);
    if (!a) return undefined;
    const out = new Float32Array(keep.length * a.itemSize);
    keep.forEach((v, k) => {
      for (let c = 0; c < a.itemSize; c++) out[k * a.itemSize + c] = a.getComponent(v, c);
    });
    return out;
  };
  return { positions: get("position")!, colors: get("color"), paint: get("paint"), uvs: get("uv"), count: keep.length };
}

/** One merged, rebuilt-per-frame mesh. */
export class MergedMesh {
  readonly mesh: Mesh;
  private readonly geometry = new BufferGeometry();
  private capacity = 0;
  private count = 0;
  private pos = new Float32Array(0);
  /** Colours as bytes (normalised): a quarter of the upload of floats. */
  private col: Uint8Array | undefined;
  private uv: Float32Array | undefined;

  /**
   * @param withColors whether templates carry vertex colours (tinted where painted).
   * @param withUvs whether templates carry texture coordinates.
   */
  constructor(
    name: string,
    material: Material,
    private readonly withColors: boolean,
    private readonly withUvs: boolean,
  ) {
    this.mesh = new Mesh(this.geometry, material);
    this.mesh.name = name;
    this.mesh.frustumCulled = false;
    this.grow(1024);
  }

  /** Vertices written since {@link begin}. */
  get vertices(): number {
    return this.count;
  }

  private grow(need: number): void {
    if (need <= this.capacity) return;
    const cap = Math.max(need, this.capacity * 2);
    const attr = <T extends Float32Array | Uint8Array>(a: T, old: T | undefined, size: number, name: string): T => {
      if (old) a.set(old.subarray(0, this.count * size));
      this.geometry.setAttribute(
        name,
        new BufferAttribute(a, size, a instanceof Uint8Array).setUsage(DynamicDrawUsage),
      );
      return a;
    };
    // Attributes of a new size need new GPU buffers: let three drop the old ones.
    this.geometry.dispose();
    this.pos = attr(new Float32Array(cap * 3), this.pos, 3, "position");
    if (this.withColors) this.col = attr(new Uint8Array(cap * 3), this.col, 3, "color");
    if (this.withUvs) this.uv = attr(new Float32Array(cap * 2), this.uv, 2, "uv");
    this.capacity = cap;
  }

  /** Starts a new frame's contents. */
  begin(): void {
    this.count = 0;
  }

  /** Adds template `t` at (x, y) turned by `headingRad`, painted parts multiplied by `tint`. */
  add(t: Template, x: number, y: number, headingRad: number, tint?: Color): void {
    this.grow(this.count + t.count);
    const c = Math.cos(headingRad);
    const s = Math.sin(headingRad);
    const pos = this.pos;
    const src = t.positions;
    let o = this.count * 3;
    for (let v = 0; v < t.count; v++) {
      const lx = src[v * 3];
      const ly = src[v * 3 + 1];
      pos[o] = x + lx * c - ly * s;
      pos[o + 1] = y + lx * s + ly * c;
      pos[o + 2] = src[v * 3 + 2];
      o += 3;
    }
    const col = this.col;
    if (col && t.colors) {
      const tc = t.colors;
      const paint = t.paint;
      const r = (tint?.r ?? 1) * 255;
      const g = (tint?.g ?? 1) * 255;
      const b = (tint?.b ?? 1) * 255;
      o = this.count * 3;
      for (let v = 0; v < t.count; v++) {
        const p = paint ? paint[v] : 0;
        col[o] = tc[v * 3] * (255 + (r - 255) * p);
        col[o + 1] = tc[v * 3 + 1] * (255 + (g - 255) * p);
        col[o + 2] = tc[v * 3 + 2] * (255 + (b - 255) * p);
        o += 3;
      }
    }
    if (this.uv && t.uvs) this.uv.set(t.uvs, this.count * 2);
    this.count += t.count;
  }

  /** Finishes the frame: uploads what was written, draws that much. */
  end(): void {
    this.geometry.setDrawRange(0, this.count);
    for (const [name, size] of [
      ["position", 3],
      ["color", 3],
      ["uv", 2],
    ] as const) {
      const a = this.geometry.getAttribute(name) as BufferAttribute | undefined;
      if (!a) continue;
      a.clearUpdateRanges();
      a.addUpdateRange(0, this.count * size);
      a.needsUpdate = true;
    }
  }
}
