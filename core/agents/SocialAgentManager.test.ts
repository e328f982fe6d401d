import { describe, expect, it } from "vitest";
import { compileScenario } from "../../scenario-dsl/index.js";
import { SCENARIO_DEFAULTS, type Observation } from "../../spec/CompiledScenario.js";
import { ConstantSpeedProvider } from "../../test/fakes/ConstantSpeedProvider.js";
import { Simulation } from "../simulation/Simulation.js";
import type { AgentFailedEvent, SimEvent } from "../simulation/SimEvent.js";
import type { SocialPolicy, SocialPolicyResolver } from "./SocialPolicy.js";

function compile(body: string) {
  const r = compileScenario(
    `scenario "t" {\n  seed 3\n  map straight { lanes 3  length 600 m  speed_limit 20 m/s }\n${body}\n}`,
    "/tmp/t.scn",
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return { scenario: r.scenario!, network: r.network! };
}

const egoOnly = (): Observation =>
  ({ ...structuredClone(SCENARIO_DEFAULTS.observation), events: { enabled: false } }) as Observation;

/** Test policies by locator: `ok` keeps its lane; the others misbehave from step `after` (a parameter). */
function testResolver(log: string[] = []): SocialPolicyResolver {
  return ({ agentId, ref }) => {
    const after = Number(ref.params.after ?? 0);
    let step = 0;
    const name = ref.locator.replace(/@v\d+$/, "");
    const p: SocialPolicy = {
      actionSpace: "lane_with_continuous_speed",
      observation: egoOnly(),
      act(obs) {
        step++;
        const speed = obs.ego![3];
        log.push(`${agentId}:${step}`);
        if (step > after) {
          if (name === "throws") throw new Error("policy bug");
          if (name === "nan") return [Number.NaN, 0];
          if (name === "shape") return "keep_lane";
          if (name === "slow") {
            const t0 = performance.now();
            // Far past the budget: a well-behaved policy on a loaded machine may be descheduled for
            // tens of milliseconds, and must not count as slow.
            while (performance.now() - t0 < 600) {
              /* busy: past the budget */
            }
          }
          if (name === "hangs") return new Promise(() => {});
        }
        return [Math.min(15, speed + 2), 0];
      },
    };
    return p;
  };
}

const THREE = `
  social a_ok   { zoo "ok@v0"                     mission main:0@10 -> main:0@590 }
  social b_bad  { zoo "BAD@v0"  { after 20 }      mission main:1@10 -> main:1@590 }
  social c_ok   { zoo "ok@v0"                     mission main:2@10 -> main:2@590 }`;

async function runWith(bad: string, budgetMs: number | null = null) {
  const { scenario, network } = compile(THREE.replace("BAD", bad));
  const provider = new ConstantSpeedProvider([]);
  const sim = new Simulation(scenario, network, {
    providers: [provider],
    social: { resolver: testResolver(), stepBudgetMs: budgetMs },
  });
  await sim.reset();
  const events: SimEvent[] = [];
  const bPositions: number[] = [];
  for (let i = 0; i < 60; i++) {
    await sim.step(new Map());
    events.push(...sim.frame.events);
    const k = sim.frame.indexOf("b_bad");
    bPositions.push(k >= 0 ? sim.frame.x[k] : Number.NaN);
  }
  return { sim, provider, events, bPositions };
}

describe("SocialAgentManager", () => {
  it("spawns social agents on their missions and drives them with their policies", async () => {
    const { sim } = await runWith("ok");
    const f = sim.frame;
    for (const id of ["a_ok", "b_bad", "c_ok"]) {
      const i = f.indexOf(id);
      expect(f.owners[i]).toBe(`social:${id}`);
      expect(f.roles[i]).toBe(1);
      // From rest at +2 m/s per step towards 15 m/s: well on the way after 6 s.
      expect(f.speedMps[i]).toBeGreaterThan(10);
      expect(f.x[i]).toBeGreaterThan(40);
    }
    expect(sim.social!.list().map((a) => `${a.id}:${a.phase}`)).toEqual(["a_ok:live", "b_bad:live", "c_ok:live"]);
  });

  for (const [bad, reason, detail] of [
    ["throws", "threw", /policy bug/],
    ["nan", "invalidAction", /targetSpeedMps|NaN/],
    ["shape", "invalidAction", /action/],
  ] as const) {
    it(`stops a policy that ${bad === "throws" ? "throws" : bad === "nan" ? "answers NaN" : "answers the wrong shape"}, hands its vehicle to traffic, and the run goes on`, async () => {
      const { sim, provider, events, bPositions } = await runWith(bad);
      const failed = events.filter((e): e is AgentFailedEvent => e.kind === "agentFailed");
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ agentId: "b_bad", vehicleId: "b_bad", reason });
      expect(failed[0].detail).toMatch(detail);
      expect(events).toContainEqual({ kind: "ownerChanged", vehicleId: "b_bad", from: "social:b_bad", to: "constant" });
      expect(provider.accepted).toEqual(["b_bad"]);
      // Its 21st answer fails (tick 21); the vehicle keeps moving under the provider, without a jump.
      const f = sim.frame;
      expect(f.owners[f.indexOf("b_bad")]).toBe("constant");
      for (let i = 1; i < bPositions.length; i++) {
        expect(bPositions[i] - bPositions[i - 1]).toBeGreaterThanOrEqual(0);
        expect(bPositions[i] - bPositions[i - 1]).toBeLessThan(2);
      }
      expect(sim.social!.list().find((a) => a.id === "b_bad")!.phase).toBe("failed");
      expect(f.owners[f.indexOf("a_ok")]).toBe("social:a_ok");
      expect(f.owners[f.indexOf("c_ok")]).toBe("social:c_ok");
      expect(sim.tick).toBe(60);
    });
  }

  it("stops an in-process policy that runs past its step budget", async () => {
    const { events, sim } = await runWith("slow", 250);
    const failed = events.filter((e): e is AgentFailedEvent => e.kind === "agentFailed");
    expect(failed.map((e) => [e.agentId, e.reason])).toEqual([["b_bad", "timeout"]]);
    expect(failed[0].detail).toMatch(/over the 250 ms step budget/);
    expect(sim.frame.owners[sim.frame.indexOf("b_bad")]).toBe("constant");
  });

  it("abandons an asynchronous policy that never answers when its budget passes", async () => {
    const { events } = await runWith("hangs", 20);
    const failed = events.filter((e): e is AgentFailedEvent => e.kind === "agentFailed");
    expect(failed.map((e) => [e.agentId, e.reason])).toEqual([["b_bad", "timeout"]]);
    expect(failed[0].detail).toMatch(/no answer within the 20 ms/);
  });

  it("removes the vehicle of a failed policy when no provider accepts it", async () => {
    const { scenario, network } = compile(THREE.replace("BAD", "throws"));
    const sim = new Simulation(scenario, network, { social: { resolver: testResolver() } });
    await sim.reset();
    const events: SimEvent[] = [];
    for (let i = 0; i < 30; i++) {
      await sim.step(new Map());
      events.push(...sim.frame.events);
    }
    expect(events).toContainEqual({
      kind: "vehicleRemoved",
      vehicleId: "b_bad",
      owner: "social:b_bad",
      reason: "released",
    });
    expect(sim.frame.indexOf("b_bad")).toBe(-1);
    expect(sim.frame.count).toBe(2);
  });

  it("acts on the previous frame's observations, in sorted id order", async () => {
    const { scenario, network } = compile(THREE.replace("BAD", "ok"));
    const log: string[] = [];
    const sim = new Simulation(scenario, network, { social: { resolver: testResolver(log) } });
    await sim.reset();
    await sim.step(new Map());
    await sim.step(new Map());
    expect(log).toEqual(["a_ok:1", "b_bad:1", "c_ok:1", "a_ok:2", "b_bad:2", "c_ok:2"]);
  });

  it("names the social agent when its policy cannot be made", async () => {
    const { scenario, network } = compile(THREE.replace("BAD", "ok"));
    const sim = new Simulation(scenario, network, {
      social: {
        resolver: () => {
          throw new Error('zoo "ok@v0": parameter "after": bad');
        },
      },
    });
    await expect(sim.reset()).rejects.toThrow('social agent "a_ok": zoo "ok@v0": parameter "after": bad');
  });

  it("is deterministic and continues bit-identically from a snapshot", async () => {
    const { scenario, network } = compile(THREE.replace("BAD", "ok"));
    const make = () =>
      new Simulation(scenario, network, {
        providers: [new ConstantSpeedProvider([{ id: "t1", laneId: "main_1", sM: 100, speedMps: 8 }])],
        social: { resolver: testResolver() },
      });
    const hashes = async (sim: Simulation, n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        await sim.step(new Map());
        out.push(sim.stateHash());
      }
      return out;
    };
    const s1 = make();
    await s1.reset({ seed: 5 });
    const first = await hashes(s1, 40);
    const s2 = make();
    await s2.reset({ seed: 5 });
    const second = await hashes(s2, 20);
    const snap = s2.snapshot();
    const tail = await hashes(s2, 20);
    expect([...second, ...tail]).toEqual(first);
    await s2.restore(snap);
    expect(await hashes(s2, 20)).toEqual(tail);
  });

  it("attaches a policy to a traffic vehicle and detaches it back to traffic without a jump", async () => {
    const { scenario, network } = compile("");
    const provider = new ConstantSpeedProvider([{ id: "t1", laneId: "main_1", sM: 50, speedMps: 10 }]);
    const sim = new Simulation(scenario, network, { providers: [provider], social: { resolver: testResolver() } });
    await sim.reset();
    for (let i = 0; i < 5; i++) await sim.step(new Map());
    const x0 = sim.frame.x[sim.frame.indexOf("t1")];
    const id = await sim.social!.attach("t1", { locator: "ok@v0", params: {} }, { agentId: "bubble-t1" });
    expect(id).toBe("bubble-t1");
    expect(sim.ownerOf("t1")).toBe("social:bubble-t1");
    await expect(sim.social!.attach("t1", { locator: "ok@v0", params: {} })).rejects.toThrow(
      /driven by "social:bubble-t1", not a traffic provider/,
    );
    await sim.step(new Map());
    const f = sim.frame;
    const i = f.indexOf("t1");
    expect(f.owners[i]).toBe("social:bubble-t1");
    expect(f.x[i] - x0).toBeGreaterThan(0.9);
    expect(f.x[i] - x0).toBeLessThan(1.3);
    for (let k = 0; k < 10; k++) await sim.step(new Map());
    const xBefore = sim.frame.x[sim.frame.indexOf("t1")];
    await sim.social!.detach("bubble-t1");
    expect(sim.ownerOf("t1")).toBe("constant");
    await sim.step(new Map());
    const xAfter = sim.frame.x[sim.frame.indexOf("t1")];
    expect(xAfter - xBefore).toBeGreaterThan(0.9);
    expect(xAfter - xBefore).toBeLessThan(1.6);
    expect(sim.social!.list()).toEqual([{ id: "bubble-t1", vehicleId: "t1", locator: "ok@v0", phase: "detached" }]);
  });
});
