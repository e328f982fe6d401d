/**
 * The largest coordinate or length a map or recording may hold (m): 1e8 m, two and a half times
 * the Earth's circumference, so every projected coordinate system's values fit (UTM northings reach
 * 1e7 m). Beyond it nothing is a road: `1e308` passed every check as a finite number, and then a
 * drawing's width (max − min) overflowed to Infinity. Within it, sums, differences and squares of
 * coordinates stay far from overflow (1e16 m²), and float64 still resolves 10 nm.
 */
export const MAX_COORDINATE_M = 1e8;

/** Why `value` (m) is unfit as a coordinate or length, or undefined when it is fine. */
export function coordinateProblem(value: number): string | undefined {
  if (!Number.isFinite(value)) return `${value} is not a finite number`;
  if (Math.abs(value) > MAX_COORDINATE_M)
    return `${value} is beyond ±1e8 m, the largest coordinate a map or recording may hold`;
  return undefined;
}
