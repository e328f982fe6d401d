/**
 * Stochasticity — the spread of decisions across repeated runs of the same situation
 * (docs/metrics.md, "Stochasticity"). A situation is one agent of one scenario with one seed: the
 * same traffic and the same start. Its repeated runs are the suite's episodes for that seed (each
 * episode gives the policy a different seed of its own, so only the policy's randomness differs).
 *
 * Per situation and step index k (counted from the agent's appearance) with a decision in at least
 * two runs: disagreement_k = 1 − (runs taking the most common decision) / (runs with a decision at
 * k). Stochasticity is the mean disagreement over all such points of all situations: 0 for a
 * deterministic policy, approaching 1 − 1/n when n runs never agree.
 */

/** A decision as a comparable key: action names as they are; numbers rounded to 0.01; null for no action. */
export function decisionKey(action: unknown): string | null {
  if (action === null || action === undefined) return null;
  if (typeof action === "string") return action;
  if (typeof action === "number") return roundKey(action);
  if (Array.isArray(action) || ArrayBuffer.isView(action))
    return `[${Array.from(action as ArrayLike<unknown>, (a) => decisionKey(a) ?? "null").join(",")}]`;
  if (typeof action === "object")
    return `{${Object.entries(action as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}:${decisionKey(v)}`)
      .join(",")}}`;
  return String(action);
}

function roundKey(x: number): string {
  const r = Math.round(x * 100) / 100;
  return (Object.is(r, -0) ? 0 : r).toFixed(2);
}

/** One agent's decisions in one run, keyed for grouping. */
export interface DecisionRun {
  /** The situation: runs with equal keys are repeats of each other. */
  situation: string;
  /** One decision key per step since the agent appeared (null where there was none). */
  decisions: readonly (string | null)[];
}

/** Disagreement points and their sum over runs of one situation. */
function spread(runs: readonly (readonly (string | null)[])[]): { points: number; sum: number } {
  let points = 0;
  let sum = 0;
  const len = Math.max(0, ...runs.map((r) => r.length));
  for (let k = 0; k < len; k++) {
    const counts = new Map<string, number>();
    let n = 0;
    for (const r of runs) {
      const d = r[k];
      if (d === null || d === undefined) continue;
      n++;
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    if (n < 2) continue;
    points++;
    sum += 1 - Math.max(...counts.values()) / n;
  }
  return { points, sum };
}

/** Mean disagreement over every step with repeated decisions; null when no situation was run twice. */
export function stochasticity(runs: readonly DecisionRun[]): number | null {
  const bySituation = new Map<string, (readonly (string | null)[])[]>();
  for (const r of runs) {
    const list = bySituation.get(r.situation);
    if (list) list.push(r.decisions);
    else bySituation.set(r.situation, [r.decisions]);
  }
  let points = 0;
  let sum = 0;
  for (const list of bySituation.values()) {
    if (list.length < 2) continue;
    const s = spread(list);
    points += s.points;
    sum += s.sum;
  }
  return points > 0 ? sum / points : null;
}
