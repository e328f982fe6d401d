/**
 * Phase 1 for social agents: ask every policy for its action, isolating failures. A policy that
 * throws (or rejects) or runs past the per-step budget yields a failure instead of an action; the
 * caller stops it. Answers come back in the order of the calls (sorted agent ids), whatever order
 * asynchronous answers settle in, so the simulation stays deterministic.
 *
 * Timing is wall-clock (`performance.now`) and sits outside the simulation's state: it only decides
 * whether a budget fired. A run is therefore bit-for-bit reproducible unless a timeout fires, and
 * only then depends on the machine. In-process policies answer synchronously and cannot be
 * interrupted: a slow answer is detected after it returns. Asynchronous ones (worker threads) are
 * raced against the budget and abandoned when it passes.
 */
import type { SocialPolicy } from "./SocialPolicy.js";
import type { AgentObservation } from "../observations/AgentObservation.js";

/** One policy call. */
export interface PolicyCall {
  readonly agentId: string;
  readonly policy: SocialPolicy;
  readonly observation: AgentObservation;
}

/** The outcome of one call. */
export type PolicyAnswer =
  | { readonly agentId: string; readonly ok: true; readonly action: unknown }
  | { readonly agentId: string; readonly ok: false; readonly reason: "threw" | "timeout"; readonly detail: string };

/**
 * Calls every policy; `budgetMs` (null: none) bounds each call's wall time. Asynchronous answers
 * are awaited together (worker policies compute in parallel).
 */
export async function callPolicies(calls: readonly PolicyCall[], budgetMs: number | null): Promise<PolicyAnswer[]> {
  const out: (PolicyAnswer | Promise<PolicyAnswer>)[] = [];
  for (const c of calls) {
    const t0 = performance.now();
    let value: unknown;
    try {
      value = c.policy.act(c.observation);
    } catch (e) {
      out.push({ agentId: c.agentId, ok: false, reason: "threw", detail: errorText(e) });
      continue;
    }
    if (isThenable(value)) {
      out.push(raceBudget(c.agentId, value, budgetMs));
      continue;
    }
    const ms = performance.now() - t0;
    if (budgetMs !== null && ms > budgetMs)
      out.push({
        agentId: c.agentId,
        ok: false,
        reason: "timeout",
        detail: `took ${ms.toFixed(1)} ms, over the ${budgetMs} ms step budget`,
      });
    else out.push({ agentId: c.agentId, ok: true, action: value });
  }
  return Promise.all(out);
}

function raceBudget(agentId: string, answer: PromiseLike<unknown>, budgetMs: number | null): Promise<PolicyAnswer> {
  const settled: Promise<PolicyAnswer> = Promise.resolve(answer).then(
    (action) => ({ agentId, ok: true as const, action }),
    (e: unknown) => ({ agentId, ok: false as const, reason: "threw" as const, detail: errorText(e) }),
  );
  if (budgetMs === null) return settled;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<PolicyAnswer>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({ agentId, ok: false, reason: "timeout", detail: `no answer within the ${budgetMs} ms step budget` }),
      budgetMs,
    );
  });
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}

/** An error's message (or the thrown value in words). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : `threw ${JSON.stringify(e) ?? String(e)}`;
}
