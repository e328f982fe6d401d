/**
 * Per-vehicle role codes that sensors read from a `Uint8Array` beside a {@link VehicleBoxView}
 * (the top-down RGB raster colours vehicles by them, DESIGN §10). Codes outside this table read as
 * traffic.
 */
export const VehicleRoleCode = {
  /** Vehicle driven by a traffic provider. */
  traffic: 0,
  /** Vehicle driven by a social agent (a zoo policy). */
  socialAgent: 1,
  /** Vehicle driven by a learning agent. */
  learningAgent: 2,
} as const;

/** One of the {@link VehicleRoleCode} values. */
export type VehicleRoleCode = (typeof VehicleRoleCode)[keyof typeof VehicleRoleCode];
