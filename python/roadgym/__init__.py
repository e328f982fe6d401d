"""roadgym from Python: PettingZoo and Gymnasium environments over the roadgym simulator.

The simulator (the roadgym npm package, Node.js) runs as a child process per environment; this
package is a thin client over its ``makeEnv`` (docs/python.md)::

    import roadgym

    env = roadgym.parallel_env("roadgym/paper-two_way")          # PettingZoo ParallelEnv
    observations, infos = env.reset(seed=1)
    while env.agents:
        actions = {a: env.action_space(a).sample() for a in env.agents}
        observations, rewards, terminations, truncations, infos = env.step(actions)
    env.close()

``roadgym.env(...)`` (or ``gymnasium.make("roadgym/<name>")`` after ``import roadgym``) is the
single-agent Gymnasium env, ``roadgym.vector_env(...)`` a Gymnasium vector env over several
simulator processes, and ``roadgym.ray`` spreads benchmark suites and rollouts over a Ray cluster.
"""

from __future__ import annotations

import os
from typing import Any

from ._process import find_simulator
from .errors import (
    ActionError,
    Diagnostic,
    OptionError,
    RoadgymError,
    ScenarioError,
    SimulatorError,
    SimulatorNotFoundError,
)
from .parallel import RoadgymParallelEnv
from .registration import register_scenarios, scenario_names
from .single import RoadgymEnv
from .vector import RoadgymVectorEnv

__version__ = "0.1.0"

__all__ = [
    "ActionError",
    "Diagnostic",
    "OptionError",
    "RoadgymEnv",
    "RoadgymError",
    "RoadgymParallelEnv",
    "RoadgymVectorEnv",
    "ScenarioError",
    "SimulatorError",
    "SimulatorNotFoundError",
    "env",
    "find_simulator",
    "parallel_env",
    "register_scenarios",
    "scenario_names",
    "vector_env",
]


def parallel_env(scenario: str | os.PathLike, **options: Any) -> RoadgymParallelEnv:
    """The multi-agent PettingZoo environment of ``scenario``.

    Args:
        scenario: a ``.scn`` path or a registered name (``"roadgym/paper-intersection-sv"``).
        **options: makeEnv's options — ``traffic`` ("auto", "local", "sumo", "none"),
            ``social_agents`` (False, or ``{"workers": True, "step_budget_ms": 500}``), ``bubbles``,
            ``observation`` ("standard", "full", or parts such as ``{"neighbours": {"max": 4},
            "vector": True}``), ``reward`` ("progress", "paper", ``{"paper": {weights}}``),
            ``clip_actions``, ``agent_done_vehicle`` ("remove", "traffic"), ``record`` (a replay
            path), ``trajectories`` (``{"path": ..., "every_ticks": 1}``), ``metrics``; and
            ``render_mode="rgb_array"``, ``render_options`` (``width``, ``height``, ``follow``,
            ``resolutionM``), ``simulator`` (the bridge's entry script, instead of looking for it).

    Raises:
        ScenarioError: the scenario does not compile (``diagnostics`` with ``file:line:col``).
        SimulatorNotFoundError: Node.js or the roadgym npm package is missing (says what to install).
    """
    return RoadgymParallelEnv(scenario, **options)


def env(scenario: str | os.PathLike, **options: Any) -> RoadgymEnv:
    """The single-agent Gymnasium environment of ``scenario``: one agent (``agent_id``, or the
    scenario's only one), the others driven by ``others`` ("sample" or a callable); the other
    options are :func:`parallel_env`'s."""
    return RoadgymEnv(scenario, **options)


def vector_env(scenario: str | os.PathLike, num_envs: int, **options: Any) -> RoadgymVectorEnv:
    """A Gymnasium vector env of ``num_envs`` copies of :func:`env`, each in its own simulator
    process (next-step autoreset)."""
    return RoadgymVectorEnv(scenario, num_envs, **options)


register_scenarios()
