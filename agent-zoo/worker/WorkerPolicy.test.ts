import { describe, expect, it } from "vitest";
import { compileScenario } from "../../scenario-dsl/index.js";
import { Simulation } from "../../core/simulation/Simulation.js";
import type { AgentFailedEvent } from "../../core/simulation/SimEvent.js";
import { createDefaultZoo } from "../defaultZoo.js";

const MISBEHAVING = {
  moduleUrl: new URL("../../test/fakes/misbehavingZoo.ts", import.meta.url).href.replace(/\.ts$/, ".js"),
  exportName: "createMisbehavingZoo",
};

function scenario(extra = "") {
  const r = compileScenario(
    `scenario "w" { seed 4  map straight { lanes 2  length 800 m  speed_limit 15 m/s }
      social a { zoo "keep-lane@v0"  mission main:0@10 -> main:0@end }
      social b { zoo "idm-mobil@v1" { preset cautious }  mission main:1@10 -> main:1@end }
      ${extra} }`,
    "/tmp/w.scn",
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r;
}

async function hashes(sim: Simulation, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    await sim.step(new Map());
    out.push(sim.stateHash());
  }
  return out;
}

describe("worker-thread policies", () => {
  it("drive exactly as in-process policies do", async () => {
    const r = scenario();
    const inProcess = new Simulation(r.scenario, r.network, { social: { resolver: createDefaultZoo().resolver() } });
    await inProcess.reset();
    const inWorkers = new Simulation(r.scenario, r.network, {
      social: { resolver: createDefaultZoo().resolver({ workers: true }), stepBudgetMs: 5000 },
    });
    await inWorkers.reset();
    const a = await hashes(inProcess, 60);
    const b = await hashes(inWorkers, 60);
    await inWorkers.close();
    expect(b).toEqual(a);
    expect(inWorkers.frame.owners).toEqual(["social:a", "social:b"]);
  }, 60_000);

  it("stop a policy stuck in an endless loop at its step budget; the run goes on", async () => {
    const r = scenario(`social c { zoo "spin@v0" { after 5 }  mission main:1@200 -> main:1@end }`);
    const resolver = createDefaultZoo().resolver({ workers: (loc) => loc.startsWith("spin"), workerZoo: MISBEHAVING });
    const sim = new Simulation(r.scenario, r.network, { social: { resolver, stepBudgetMs: 1000 } });
    await sim.reset();
    const failed: AgentFailedEvent[] = [];
    for (let i = 0; i < 20; i++) {
      await sim.step(new Map());
      for (const e of sim.frame.events) if (e.kind === "agentFailed") failed.push(e);
    }
    expect(failed.map((e) => [e.agentId, e.reason, e.detail])).toEqual([
      ["c", "timeout", "no answer within the 1000 ms step budget"],
    ]);
    expect(sim.frame.indexOf("c")).toBe(-1); // no provider: removed
    expect(sim.social!.list().map((s) => `${s.id}:${s.phase}`)).toEqual(["a:live", "b:live", "c:failed"]);
    await sim.close();
  }, 60_000);

  it("report a policy the worker cannot make, naming the agent", async () => {
    const r = scenario(`social c { zoo "crash@v0"  mission main:1@200 -> main:1@end }`);
    const sim = new Simulation(r.scenario, r.network, {
      social: { resolver: createDefaultZoo().resolver({ workers: true, workerZoo: MISBEHAVING }) },
    });
    await expect(sim.reset()).rejects.toThrow('social agent "c": crash@v0 refuses to start');
    await sim.close();
  }, 60_000);
});
