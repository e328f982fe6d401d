"""PettingZoo's and Gymnasium's own API tests on the Python environments of every example
scenario — the learning-agent bubble scenario among them, where agents appear and leave."""

from __future__ import annotations

import gymnasium
import pytest
from conftest import example_scenarios
from gymnasium.utils.env_checker import check_env
from pettingzoo.test import parallel_api_test, parallel_seed_test

import roadgym

SCENARIOS = example_scenarios()
#: Steps per episode of PettingZoo's API test (the TypeScript conformance suite runs 150).
CYCLES = 100


def test_every_example_scenario_is_here():
    names = {p.stem for p in SCENARIOS}
    assert len(names) >= 15
    assert "bubble-learners" in names
    assert set(roadgym.scenario_names()) == {f"roadgym/{n}" for n in names}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_pettingzoo_and_gymnasium_api_tests(path):
    env = roadgym.parallel_env(path)
    try:
        parallel_api_test(env, num_cycles=CYCLES)
        first_agent = env.possible_agents[0]
    finally:
        env.close()
    parallel_seed_test(lambda: roadgym.parallel_env(path), num_cycles=CYCLES)
    single = gymnasium.make(f"roadgym/{path.stem}", agent_id=first_agent, others="sample")
    try:
        check_env(single.unwrapped)
    finally:
        single.close()


def test_learning_agent_bubble_agents_appear_and_leave():
    """The API test passes where learners come and go; check that they do within its cycles."""
    env = roadgym.parallel_env("roadgym/bubble-learners")
    try:
        env.reset(seed=0)
        appeared, left = set(), set()
        live = set(env.agents)
        for _ in range(600):
            if not env.agents:
                break
            _, _, terminations, truncations, infos = env.step({a: env.action_space(a).sample() for a in env.agents})
            appeared |= set(env.agents) - live
            left |= {a for a in terminations if terminations[a] or truncations[a]}
            live = set(env.agents)
        learners = {a for a in appeared if a.startswith("learn-")}
        assert len(learners) >= 2
        assert learners & left, "a learner was released"
        assert any("released" in infos.get(a, {}).get("reasons", ["released"]) for a in learners & left)
    finally:
        env.close()
