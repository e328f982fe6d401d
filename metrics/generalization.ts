/**
 * Generalization — performance across scenario variations and unseen seeds (docs/metrics.md,
 * "Generalization").
 *
 * Episodes are grouped by situation family (for one scenario: its traffic variations; for a whole
 * policy: every scenario × variation). With C_g the completion rate of group g,
 * generalization = 1 − (max_g C_g − min_g C_g): 1 when the policy does equally well everywhere, 0
 * when it always succeeds in one group and always fails in another; null with fewer than two groups.
 * Seeds a policy was trained on (the suite's `trainedSeeds`) are *seen*, all others *unseen*; the
 * seen/unseen gap is C_seen − C_unseen (null unless both kinds were run).
 */

/** One agent episode, as generalization reads it. */
export interface GeneralizationSample {
  /** The group (e.g. `scenario/variation`). */
  group: string;
  seed: number;
  completed: boolean;
}

/** Generalization of one set of agent episodes. */
export interface Generalization {
  /** Completion rate per group, groups sorted by name. */
  groups: { group: string; agentEpisodes: number; completionRate: number }[];
  /** 1 − (max − min) of the groups' completion rates; null with fewer than two groups. */
  generalization: number | null;
  /** Completion rate on seeds the policy was trained on; null without such episodes. */
  seenCompletionRate: number | null;
  /** Completion rate on the other seeds; null without such episodes. */
  unseenCompletionRate: number | null;
  /** seen − unseen; null unless both exist. */
  seenUnseenGap: number | null;
}

/** Generalization of `samples`; `trainedSeeds` are the seeds counted as seen. */
export function generalization(
  samples: readonly GeneralizationSample[],
  trainedSeeds: readonly number[] = [],
): Generalization {
  const byGroup = new Map<string, { n: number; done: number }>();
  const seen = { n: 0, done: 0 };
  const unseen = { n: 0, done: 0 };
  const trained = new Set(trainedSeeds);
  for (const s of samples) {
    const g = byGroup.get(s.group) ?? { n: 0, done: 0 };
    g.n++;
    if (s.completed) g.done++;
    byGroup.set(s.group, g);
    const bucket = trained.has(s.seed) ? seen : unseen;
    bucket.n++;
    if (s.completed) bucket.done++;
  }
  const groups = [...byGroup.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, g]) => ({ group, agentEpisodes: g.n, completionRate: g.done / g.n }));
  const rates = groups.map((g) => g.completionRate);
  const seenRate = seen.n ? seen.done / seen.n : null;
  const unseenRate = unseen.n ? unseen.done / unseen.n : null;
  return {
    groups,
    generalization: groups.length >= 2 ? 1 - (Math.max(...rates) - Math.min(...rates)) : null,
    seenCompletionRate: seenRate,
    unseenCompletionRate: unseenRate,
    seenUnseenGap: seenRate !== null && unseenRate !== null ? seenRate - unseenRate : null,
  };
}
