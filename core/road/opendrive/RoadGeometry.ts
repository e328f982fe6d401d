/**
 * The geometry of one OpenDRIVE road: its reference line (the plan view's geometry records, each
 * evaluated from its own start pose), the lane offset that moves the centre lane off it, and the
 * lateral position of every lane's borders per lane section — from `<width>` records accumulated
 * outward from the centre lane, or from `<border>` records (the outer border's t, measured from
 * the reference line) where a lane has no widths. t is the lateral offset, left positive (metres).
 */
import { CubicProfile } from "./CubicProfile.js";
import { makeGeometrySegment, type GeometrySegment, type Pose2 } from "./GeometrySegment.js";
import type { OdrLane, OdrRoad } from "./OpenDriveDocument.js";

/** How one lane's outer border is given. */
interface LaneProfile {
  lane: OdrLane;
  /** Width (widths given) or outer-border t (borders only) as a function of s − section start. */
  profile: CubicProfile;
  byBorder: boolean;
}

export class RoadGeometry {
  readonly road: OdrRoad;
  /**
   * Length used for the road: its `length` attribute, or where the plan view ends sooner (an
   * inconsistent file), the plan view's end — lanes are not extrapolated beyond the geometry.
   */
  readonly length: number;
  private readonly segments: GeometrySegment[];
  private readonly segmentStarts: number[];
  private readonly laneOffset: CubicProfile;
  /** Per section: the lanes from the centre outward, right side and left side. */
  private readonly right: LaneProfile[][];
  private readonly left: LaneProfile[][];
  private readonly pose: Pose2 = { x: 0, y: 0, hdg: 0 };

  constructor(road: OdrRoad) {
    this.road = road;
    this.segments = road.geometries.map((g) => makeGeometrySegment(g.record));
    this.segmentStarts = road.geometries.map((g) => g.record.s);
    const last = road.geometries[road.geometries.length - 1].record;
    this.length = Math.min(road.length, last.s + last.length);
    this.laneOffset = new CubicProfile(road.laneOffsets);
    const profile = (lane: OdrLane): LaneProfile => {
      const byBorder = lane.widths.length === 0 && lane.borders.length > 0;
      return { lane, profile: new CubicProfile(byBorder ? lane.borders : lane.widths), byBorder };
    };
    this.right = road.sections.map((sec) =>
      sec.lanes
        .filter((l) => l.id < 0)
        .sort((a, b) => b.id - a.id)
        .map(profile),
    );
    this.left = road.sections.map((sec) =>
      sec.lanes
        .filter((l) => l.id > 0)
        .sort((a, b) => a.id - b.id)
        .map(profile),
    );
  }

  /** Start of section `k` (metres along the reference line). */
  sectionStart(k: number): number {
    return this.road.sections[k].s;
  }

  /** End of section `k`: the next section's start, or the road's length. */
  sectionEnd(k: number): number {
    const next = this.road.sections[k + 1];
    return Math.max(next ? Math.min(next.s, this.length) : this.length, this.road.sections[k].s);
  }

  /** Largest |curvature| of the reference line over [s0, s1] (1/m). */
  maxCurvature(s0: number, s1: number): number {
    let k = 0;
    for (let i = 0; i < this.segments.length; i++) {
      const a = this.segmentStarts[i];
      const b = i + 1 < this.segments.length ? this.segmentStarts[i + 1] : Infinity;
      if (b >= s0 && a <= s1) k = Math.max(k, this.segments[i].maxCurvature);
    }
    return k;
  }

  /** Where the reference line's geometry records start strictly inside (s0, s1). */
  geometryBreaksIn(s0: number, s1: number): number[] {
    return this.segmentStarts.filter((s) => s > s0 && s < s1);
  }

  /** Pose of the reference line at `s` (extrapolating the first and last records beyond their ends). */
  referencePose(s: number, out: Pose2): Pose2 {
    const starts = this.segmentStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= s) lo = mid;
      else hi = mid - 1;
    }
    return this.segments[lo].pose(s - starts[lo], out);
  }

  /** The world point at `(s, t)`: on the reference line's normal, t to the left. */
  point(s: number, t: number): [number, number] {
    const p = this.referencePose(s, this.pose);
    return [p.x - Math.sin(p.hdg) * t, p.y + Math.cos(p.hdg) * t];
  }

  /** Heading of the reference line at `s` (radians). */
  heading(s: number): number {
    return this.referencePose(s, this.pose).hdg;
  }

  /** The lane offset (t of the centre lane) at `s`. */
  offset(s: number): number {
    return this.laneOffset.value(s);
  }

  /** Where lane offset records start strictly inside (s0, s1). */
  offsetBreaksIn(s0: number, s1: number): number[] {
    return this.laneOffset.breaksIn(s0, s1);
  }

  /**
   * Inner and outer border t of lane `laneId` of section `k` at `s`; undefined when the section
   * has no such lane.
   */
  borders(k: number, laneId: number, s: number): { inner: number; outer: number } | undefined {
    const side = laneId < 0 ? this.right[k] : this.left[k];
    const sign = laneId < 0 ? -1 : 1;
    const ds = s - this.road.sections[k].s;
    let inner = this.offset(s);
    for (const p of side) {
      const outer = p.byBorder ? p.profile.value(ds) : inner + sign * Math.max(0, p.profile.value(ds));
      if (p.lane.id === laneId) return { inner, outer };
      inner = outer;
    }
    return undefined;
  }

  /** Centre t and width of lane `laneId` of section `k` at `s` (width ≥ 0). */
  laneAt(k: number, laneId: number, s: number): { t: number; widthM: number } | undefined {
    const b = this.borders(k, laneId, s);
    if (!b) return undefined;
    return { t: (b.inner + b.outer) / 2, widthM: Math.abs(b.outer - b.inner) };
  }

  /** Where the width (or border) records of the lanes of section `k` start strictly inside (s0, s1), in road s. */
  laneBreaksIn(k: number, s0: number, s1: number): number[] {
    const base = this.road.sections[k].s;
    const out: number[] = [];
    for (const p of [...this.right[k], ...this.left[k]]) {
      for (const r of p.profile.records) if (base + r.s > s0 && base + r.s < s1) out.push(base + r.s);
    }
    return out;
  }

  /** The width records of lane `laneId` in section `k` (empty for a lane given by borders). */
  widthProfile(k: number, laneId: number): CubicProfile | undefined {
    const side = laneId < 0 ? this.right[k] : this.left[k];
    const p = side.find((q) => q.lane.id === laneId);
    return p && !p.byBorder ? p.profile : undefined;
  }
}
