/**
 * The other vehicles as sensors read them: oriented boxes in world metres, struct-of-arrays.
 * Structural, so `core/vehicles/VehicleBoxes` (what collision detection fills each step) fits
 * as it is; entries at and beyond `count` are ignored.
 */
export interface VehicleBoxView {
  /** Number of boxes in use. */
  readonly count: number;
  /** Box centre x, east (m). */
  readonly x: Float64Array;
  /** Box centre y, north (m). */
  readonly y: Float64Array;
  /** Heading of the box's long axis, counter-clockwise from +x (radians). */
  readonly headingRad: Float64Array;
  /** Half the box length, along the heading (m). */
  readonly halfLength: Float64Array;
  /** Half the box width, across the heading (m). */
  readonly halfWidth: Float64Array;
}
