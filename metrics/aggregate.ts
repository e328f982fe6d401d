/**
 * Aggregation of agent episodes into benchmark cells — one per policy × scenario — following
 * {@link METRICS}: means, minima, pooled ratios, plus the cross-run metrics (stochasticity over
 * repeated episodes of a seed, generalization over traffic variations).
 */
import type { AgentEpisodeMetrics } from "./agentEpisodeMetrics.js";
import { generalization, type Generalization } from "./generalization.js";
import { METRICS, type EpisodeField } from "./metricCatalog.js";
import { stochasticity, type DecisionRun } from "./stochasticity.js";

/** One agent episode of a benchmark: where it ran, how it ended, its metrics and decisions. */
export interface AgentEpisodeRecord {
  policy: string;
  scenario: string;
  seed: number;
  /** Episode index within the seed (0-based). */
  episode: number;
  /** The scenario's traffic variation ('' when it has none). */
  variation: string;
  agentId: string;
  /** Why the agent's episode ended (empty when the run stopped first). */
  doneReasons: string[];
  metrics: AgentEpisodeMetrics;
  /** One decision key per step since the agent appeared (see `decisionKey`). */
  decisions: (string | null)[];
}

/** The aggregated metrics of one policy × scenario cell. */
export interface CellAggregate {
  policy: string;
  scenario: string;
  /** Episodes (simulation runs) and agent episodes (agents × runs) in the cell. */
  episodes: number;
  agentEpisodes: number;
  /** Value per {@link METRICS} key; null where undefined (e.g. no lane changes for the cut-in ratio). */
  values: Record<string, number | null>;
}

function numeric(v: number | boolean | null): number | null {
  return v === null ? null : typeof v === "boolean" ? (v ? 1 : 0) : v;
}

function field(r: AgentEpisodeRecord, f: EpisodeField): number | null {
  return numeric(r.metrics[f] as number | boolean | null);
}

/** Aggregates one cell's records (all of one policy and scenario). */
export function aggregateCell(policy: string, scenario: string, records: readonly AgentEpisodeRecord[]): CellAggregate {
  const values: Record<string, number | null> = {};
  for (const m of METRICS) {
    const a = m.aggregate;
    switch (a.kind) {
      case "mean": {
        const xs = records.map((r) => field(r, a.of)).filter((x): x is number => x !== null);
        values[m.key] = xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
        break;
      }
      case "min": {
        const xs = records.map((r) => field(r, a.of)).filter((x): x is number => x !== null);
        values[m.key] = xs.length ? Math.min(...xs) : null;
        break;
      }
      case "ratio": {
        const num = records.reduce((s, r) => s + (field(r, a.num) ?? 0), 0);
        const den = records.reduce((s, r) => s + (field(r, a.den) ?? 0), 0);
        values[m.key] = den > 0 ? num / den : null;
        break;
      }
      case "share": {
        const part = records.reduce((s, r) => s + (field(r, a.part) ?? 0), 0);
        const other = records.reduce((s, r) => s + (field(r, a.other) ?? 0), 0);
        values[m.key] = part + other > 0 ? part / (part + other) : null;
        break;
      }
      case "complement": {
        const v = values[a.of];
        if (v === undefined)
          throw new Error(`metric "${m.key}" complements "${a.of}", which must come before it in METRICS`);
        values[m.key] = v === null ? null : 1 - v;
        break;
      }
      case "crossRun":
        values[m.key] = crossRun(m.key, records);
        break;
    }
  }
  return {
    policy,
    scenario,
    episodes: new Set(records.map((r) => `${r.seed}/${r.episode}`)).size,
    agentEpisodes: records.length,
    values,
  };
}

function crossRun(key: string, records: readonly AgentEpisodeRecord[]): number | null {
  if (key === "stochasticity") {
    const runs: DecisionRun[] = records.map((r) => ({ situation: `${r.seed}/${r.agentId}`, decisions: r.decisions }));
    return stochasticity(runs);
  }
  if (key === "generalization")
    return generalization(records.map((r) => ({ group: r.variation, seed: r.seed, completed: r.metrics.completed })))
      .generalization;
  throw new Error(`no cross-run aggregation for metric "${key}"`);
}

/** A policy's generalization over every scenario × variation it ran. */
export function policyGeneralization(
  records: readonly AgentEpisodeRecord[],
  trainedSeeds: readonly number[] = [],
): Generalization {
  return generalization(
    records.map((r) => ({
      group: r.variation ? `${r.scenario}/${r.variation}` : r.scenario,
      seed: r.seed,
      completed: r.metrics.completed,
    })),
    trainedSeeds,
  );
}

/** Cells for every policy × scenario pair in `records`, in the order of `policies` then `scenarios`. */
export function aggregateRecords(
  records: readonly AgentEpisodeRecord[],
  policies: readonly string[],
  scenarios: readonly string[],
): CellAggregate[] {
  const out: CellAggregate[] = [];
  for (const p of policies) {
    for (const s of scenarios) {
      const cell = records.filter((r) => r.policy === p && r.scenario === s);
      if (cell.length) out.push(aggregateCell(p, s, cell));
    }
  }
  return out;
}
