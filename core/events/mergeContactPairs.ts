/**
 * Every physical contact is a collision (DESIGN.md §4, phase 4): the end-of-step overlap test
 * misses a brush that happened within the step — two boxes touch in a physics substep, the contact
 * pushes them apart, and by the end of the step they are a few centimetres apart again. The
 * physics world reports those contacts; this merges them into the overlap test's pairs, keeping
 * the pairs' contract (box positions `i < j`, sorted by `i` then `j`, each pair once), so that one
 * collision tracker sees both.
 */
import type { CollisionPairs } from "./CollisionPairs.js";

/**
 * Adds `contacts` (pairs of box positions, in either order, repeats allowed) to `pairs`, keeping
 * them sorted and unique. Allocates: call it only on steps with contacts.
 */
export function mergeContactPairs(pairs: CollisionPairs, contacts: readonly (readonly [number, number])[]): void {
  if (contacts.length === 0) return;
  const all = pairs.toArray();
  for (const [p, q] of contacts) {
    if (p === q) throw new Error(`mergeContactPairs: box ${p} is in contact with itself`);
    all.push(p < q ? [p, q] : [q, p]);
  }
  all.sort((u, v) => u[0] - v[0] || u[1] - v[1]);
  pairs.clear();
  for (let k = 0; k < all.length; k++) {
    const [i, j] = all[k];
    if (k > 0 && all[k - 1][0] === i && all[k - 1][1] === j) continue;
    pairs.push(i, j);
  }
}
