/**
 * A road reference line made of straight and circular-arc pieces, from which lane centrelines are
 * sampled at exact lateral offsets. Offsetting the analytic path (rather than a sampled polyline)
 * keeps adjacent lanes exactly one lane width apart, also on curves.
 */
import type { Point2 } from "../RoadNetworkSpec.js";
import type { Pose } from "./polylineMath.js";

/** Largest heading change per sampled segment on arcs, radians (1°: the chord then deviates ≤ 0.5° from the tangent). */
export const MAX_ARC_STEP_RAD = Math.PI / 180;

interface Piece {
  /** Distance along the path where the piece starts, metres. */
  s0: number;
  start: Pose;
  lengthM: number;
  /** Signed curvature, 1/m, left turns positive; 0 for a straight piece. */
  curvature: number;
}

/** Immutable reference path; build with {@link ReferencePath.from} and chain `line` / `arc`. */
export class ReferencePath {
  private constructor(
    /** Pose where the path starts. */
    readonly start: Pose,
    private readonly pieces: readonly Piece[],
  ) {}

  /** An empty path starting at `pose`. */
  static from(pose: Pose): ReferencePath {
    return new ReferencePath(pose, []);
  }

  /** Total length, metres. */
  get lengthM(): number {
    const last = this.pieces[this.pieces.length - 1];
    return last ? last.s0 + last.lengthM : 0;
  }

  /** Pose at the end of the path. */
  get end(): Pose {
    return this.poseAt(this.lengthM);
  }

  /** Appends a straight piece of `lengthM` metres (a zero length adds nothing). */
  line(lengthM: number): ReferencePath {
    return this.arc(lengthM, 0);
  }

  /**
   * Appends a circular arc of `lengthM` metres (measured on the reference line) with signed
   * curvature `curvature` (1/m, positive turns left; 0 is a straight piece).
   */
  arc(lengthM: number, curvature: number): ReferencePath {
    if (!(lengthM > 0)) return this;
    const piece: Piece = { s0: this.lengthM, start: this.pieces.length ? this.end : this.start, lengthM, curvature };
    return new ReferencePath(this.start, [...this.pieces, piece]);
  }

  /** Pose at distance `s` metres along the path (clamped to the path). */
  poseAt(s: number): Pose {
    if (this.pieces.length === 0) return this.start;
    const piece = this.pieceAt(s);
    return piecePose(piece, Math.min(Math.max(s - piece.s0, 0), piece.lengthM));
  }

  /** Point at distance `s` along the path, moved `leftOffsetM` metres to the left of it (negative: right). */
  pointAt(s: number, leftOffsetM: number): Point2 {
    const p = this.poseAt(s);
    return [p.x - leftOffsetM * Math.sin(p.headingRad), p.y + leftOffsetM * Math.cos(p.headingRad)];
  }

  /**
   * The offset curve between `s0` and `s1` (metres along the path) as a polyline: straight pieces
   * contribute their end points, arcs one point per ≤ {@link MAX_ARC_STEP_RAD} of heading change.
   * The same `s` values are sampled for every offset, so lanes of one road have matching vertices.
   */
  sample(leftOffsetM: number, s0 = 0, s1 = this.lengthM): Point2[] {
    const out: Point2[] = [this.pointAt(s0, leftOffsetM)];
    for (const piece of this.pieces) {
      const a = Math.max(s0, piece.s0);
      const b = Math.min(s1, piece.s0 + piece.lengthM);
      if (b - a <= 1e-9) continue;
      const n = Math.max(1, Math.ceil((Math.abs(piece.curvature) * (b - a)) / MAX_ARC_STEP_RAD));
      for (let j = 1; j <= n; j++) {
        const p = piecePose(piece, a - piece.s0 + ((b - a) * j) / n);
        out.push([p.x - leftOffsetM * Math.sin(p.headingRad), p.y + leftOffsetM * Math.cos(p.headingRad)]);
      }
    }
    return out;
  }

  private pieceAt(s: number): Piece {
    for (const piece of this.pieces) if (s < piece.s0 + piece.lengthM) return piece;
    return this.pieces[this.pieces.length - 1];
  }
}

function piecePose(piece: Piece, ds: number): Pose {
  const { x, y, headingRad: h0 } = piece.start;
  const k = piece.curvature;
  if (k === 0) return { x: x + ds * Math.cos(h0), y: y + ds * Math.sin(h0), headingRad: h0 };
  const h = h0 + k * ds;
  return { x: x + (Math.sin(h) - Math.sin(h0)) / k, y: y - (Math.cos(h) - Math.cos(h0)) / k, headingRad: h };
}
