/**
 * The replay's fixed-point units (docs/replay-format.md): positions in centimetres, headings in
 * 1/65,536 of a turn, speeds in cm/s. Encoder and decoder both use these functions, so a decoded
 * value re-encodes to the same integer.
 */

/** Centimetres per metre. */
export const CM_PER_M = 100;
/** Heading steps per turn (16 bits). */
export const HEADING_STEPS = 65536;
const STEPS_PER_RAD = HEADING_STEPS / (2 * Math.PI);

/** Metres → integer centimetres. */
export function quantiseM(m: number): number {
  return Math.round(m * CM_PER_M);
}

/** Integer centimetres → metres. */
export function dequantiseM(cm: number): number {
  return cm / CM_PER_M;
}

/** Radians → heading steps in [0, 65536). */
export function quantiseHeading(rad: number): number {
  const q = Math.round(rad * STEPS_PER_RAD) % HEADING_STEPS;
  return q < 0 ? q + HEADING_STEPS : q;
}

/** Heading steps → radians in (−π, π]. */
export function dequantiseHeading(q: number): number {
  return (q > HEADING_STEPS / 2 ? q - HEADING_STEPS : q) / STEPS_PER_RAD;
}

/** The shortest signed difference `b − a` of two heading step values, in [−32768, 32767]. */
export function headingDelta(a: number, b: number): number {
  let d = (b - a) % HEADING_STEPS;
  if (d >= HEADING_STEPS / 2) d -= HEADING_STEPS;
  else if (d < -HEADING_STEPS / 2) d += HEADING_STEPS;
  return d;
}

/** Heading steps `q + d`, wrapped into [0, 65536). */
export function headingAdd(q: number, d: number): number {
  const r = (q + d) % HEADING_STEPS;
  return r < 0 ? r + HEADING_STEPS : r;
}
