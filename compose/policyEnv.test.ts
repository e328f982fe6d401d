import { describe, expect, it } from "vitest";
import { makeDrivenEnv, makePolicyEnv, type InterfacedPolicy } from "./policyEnv.js";

describe("makePolicyEnv", () => {
  it("gives every agent its policy's interface: scenario agents and the learners of bubbles", async () => {
    const made: string[] = [];
    const closed: string[] = [];
    const { env, driver, close } = await makePolicyEnv("roadgym/bubble-merge", (agent) => {
      made.push(agent.agentId);
      const p: InterfacedPolicy = {
        actionSpace: "lane_with_continuous_speed",
        observation: null,
        act: () => [15, 0],
        close: () => void closed.push(agent.agentId),
      };
      return p;
    });
    // Made up front for the bubble's first learner, to learn the interface its learners get.
    expect(made).toEqual(["learn-0"]);
    expect(env.actionSpace("learn-5").describe()).toMatchObject({ kind: "box", shape: [2] });
    await driver.reset({ seed: 1 });
    for (let k = 0; k < 400 && !env.sim.episodeOver; k++) await driver.step();
    expect(made.length).toBeGreaterThanOrEqual(4);
    expect(made.every((id) => /^learn-\d+$/.test(id))).toBe(true);
    await close();
    expect(closed.sort()).toEqual([...made].sort());
  });

  it("drives with a zoo policy (its interface) or with keep-lane in each agent's own action space", async () => {
    const zoo = await makeDrivenEnv("roadgym/straight", { locator: "keep-lane@v0", params: { action: "direct" } });
    expect(zoo.env.scenario.agents[0].interface.action).toBe("direct");
    await zoo.driver.reset({ seed: 1 });
    for (let k = 0; k < 50; k++) await zoo.driver.step();
    expect(zoo.env.agentVehicle("cruise").state.speedMps).toBeGreaterThan(3);
    await zoo.close();
    const own = await makeDrivenEnv("roadgym/straight", undefined);
    expect(own.env.scenario.agents[0].interface.action).toBe("lane_with_continuous_speed");
    await own.close();
    await expect(makeDrivenEnv("roadgym/straight", { locator: "keep-lane@v0", params: { speed: 3 } })).rejects.toThrow(
      /agent "cruise": the policy cannot be made: zoo "keep-lane@v0": unknown parameter "speed"/,
    );
  });
});
