/**
 * A small pool of worker threads that run benchmark tasks: each worker takes one task at a time;
 * the next task goes to whichever worker finishes first. Results come back keyed by task index,
 * so the caller can order them independently of scheduling. The first failure stops the pool.
 */
import { Worker } from "node:worker_threads";
import type { EpisodeOutcome, EpisodeTask } from "./EpisodeTask.js";

/** A message from a benchmark worker. */
export type WorkerReply = { ok: true; outcome: EpisodeOutcome } | { ok: false; index: number; error: string };

/** Runs `tasks` on `count` workers started from `script`; calls `onOutcome` as each finishes. */
export async function runOnWorkers(
  script: URL,
  workerData: unknown,
  tasks: readonly EpisodeTask[],
  count: number,
  onOutcome: (o: EpisodeOutcome) => void,
): Promise<void> {
  const n = Math.max(1, Math.min(count, tasks.length));
  let next = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const feed = (w: Worker) => {
        if (failed) return;
        if (next >= tasks.length) {
          if (running === 0) resolve();
          return;
        }
        running++;
        w.postMessage(tasks[next++]);
      };
      for (let i = 0; i < n; i++) {
        const w = new Worker(script, { workerData });
        workers.push(w);
        w.on("message", (m: WorkerReply) => {
          running--;
          if (!m.ok) return fail(new Error(m.error));
          onOutcome(m.outcome);
          feed(w);
          if (next >= tasks.length && running === 0) resolve();
        });
        w.on("error", (e) => fail(e));
        w.on("exit", (code) => {
          if (code !== 0) fail(new Error(`benchmark worker ${i} exited with code ${code}`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
