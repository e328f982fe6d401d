"""The same scenario, seed and actions give the same observations, rewards and agents from
Python (through the bridge) as from TypeScript (makeEnv in Node.js, no bridge)."""

from __future__ import annotations

import base64
import json
import os
import subprocess

import numpy as np
import pytest
from conftest import REPO

import roadgym

#: Runs makeEnv directly on the actions it is given and prints every step's outcome as JSON.
NODE_SCRIPT = """
import { makeEnv } from "./dist/compose/makeEnv.js";
import { standardObservation } from "./dist/core/observations/standardObservation.js";
const input = JSON.parse(await new Promise((ok) => { let s = ""; process.stdin.on("data", (d) => (s += d)); process.stdin.on("end", () => ok(s)); }));
const env = makeEnv(input.scenario, { observation: standardObservation() });
const flat = (o, prefix, out) => {
  for (const [k, v] of Object.entries(o)) {
    if (ArrayBuffer.isView(v)) out[prefix + k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
    else flat(v, prefix + k + ".", out);
  }
  return out;
};
const report = (r, rewards) => ({
  agents: [...env.agents],
  observations: Object.fromEntries(Object.entries(r.observations).map(([a, o]) => [a, flat(o, "", {})])),
  rewards: rewards ?? {},
});
const out = [report(await env.reset({ seed: input.seed }))];
for (const actions of input.actions) {
  const r = await env.step(actions);
  out.push(report(r, r.rewards));
}
await env.close();
process.stdout.write(JSON.stringify(out));
"""


def flatten(observation: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in observation.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}."))
        else:
            out[prefix + k] = base64.b64encode(np.ascontiguousarray(v).tobytes()).decode()
    return out


def typescript_run(scenario: str, seed: int, actions: list[dict]) -> list[dict]:
    done = subprocess.run(
        [os.environ.get("ROADGYM_NODE", "node"), "--input-type=module", "-e", NODE_SCRIPT],
        input=json.dumps({"scenario": scenario, "seed": seed, "actions": actions}),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)


def python_run(scenario: str, seed: int, steps: int) -> tuple[list[dict], list[dict]]:
    """Python's outcomes and the actions it took: a fixed rule per agent and step."""
    env = roadgym.parallel_env(scenario, observation="standard")
    outcomes, actions = [], []
    try:
        obs, _ = env.reset(seed=seed)
        outcomes.append(
            {"agents": list(env.agents), "observations": {a: flatten(o) for a, o in obs.items()}, "rewards": {}}
        )
        for k in range(steps):
            if not env.agents:
                break
            chosen = {}
            for i, a in enumerate(env.agents):
                space = env.action_space(a)
                # Whole lane changes and a speed inside every vehicle type's range.
                chosen[a] = int((k // 20 + i) % space.n) if hasattr(space, "n") else [8.0 + (k % 7), 0.0]
            actions.append(chosen)
            obs, rewards, *_ = env.step(chosen)
            outcomes.append(
                {
                    "agents": list(env.agents),
                    "observations": {a: flatten(o) for a, o in obs.items()},
                    "rewards": rewards,
                }
            )
    finally:
        env.close()
    return outcomes, actions


@pytest.mark.parametrize("scenario", ["roadgym/paper-intersection-sv", "roadgym/bubble-learners"])
def test_python_and_typescript_observe_the_same(scenario):
    ours, actions = python_run(scenario, seed=11, steps=250)
    theirs = typescript_run(scenario, 11, actions)
    assert len(theirs) == len(ours)
    seen_agents = set()
    for k, (p, t) in enumerate(zip(ours, theirs)):
        assert p["agents"] == t["agents"], f"step {k}"
        assert p["observations"].keys() == t["observations"].keys(), f"step {k}"
        for a in p["observations"]:
            assert p["observations"][a] == t["observations"][a], f"step {k}, agent {a}"
        assert p["rewards"] == t["rewards"], f"step {k}"
        seen_agents |= set(p["agents"])
    assert len(seen_agents) >= 2
    if scenario.endswith("bubble-learners"):
        assert any(a.startswith("learn-") for a in seen_agents), "learners appeared"
