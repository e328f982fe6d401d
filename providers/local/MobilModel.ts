/**
 * MOBIL — Minimizing Overall Braking Induced by Lane changes (Kesting, Treiber & Helbing 2007) — as
 * pure functions of IDM accelerations (`IdmModel.ts`), shared by the local traffic and the agent
 * zoo's rule-based drivers (through `providers/local/index.ts`), so that both change lanes by the
 * same rule. SI units, allocation-free.
 *
 * For a changer c moving to a neighbouring lane, with its new follower n and its old follower o
 * (ã after the change, a before):
 *
 *   incentive = ã_c − a_c + p · [(ã_n − a_n) + (ã_o − a_o)]        (change when > Δa_th)
 *   safe      ⇔ ã_c ≥ −b_safe and ã_n ≥ −b_safe
 *
 * p is the politeness (0 selfish … 1 altruistic), b_safe the safe deceleration (positive). A
 * follower that does not exist contributes 0 to the incentive and nothing to safety.
 */

/**
 * MOBIL's incentive (m/s²).
 * @param changerAfter ã_c, the changer's acceleration on the target lane
 * @param changerBefore a_c, its acceleration on its lane now
 * @param newFollowerGain ã_n − a_n (0 without a new follower)
 * @param oldFollowerGain ã_o − a_o (0 without an old follower)
 * @param politeness p
 */
export function mobilIncentive(
  changerAfter: number,
  changerBefore: number,
  newFollowerGain: number,
  oldFollowerGain: number,
  politeness: number,
): number {
  return changerAfter - changerBefore + politeness * (newFollowerGain + oldFollowerGain);
}

/**
 * MOBIL's safety criterion: neither the changer behind its new leader nor its new follower behind it
 * would have to brake harder than `safeDecelMps2` (positive). Pass `Infinity` for a missing follower.
 */
export function mobilSafe(changerAfter: number, newFollowerAfter: number, safeDecelMps2: number): boolean {
  return changerAfter >= -safeDecelMps2 && newFollowerAfter >= -safeDecelMps2;
}
