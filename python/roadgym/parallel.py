"""The multi-agent environment: PettingZoo's ``ParallelEnv`` over a roadgym scenario.

``possible_agents`` lists every agent the scenario can have (learners of learning-agent bubbles
included); ``agents`` the live ones, which change as agents depart, finish, and as bubbles capture
and release vehicles. Observations are dicts of NumPy arrays (docs/observations.md), actions are
NumPy arrays or integers in each agent's action space.
"""

from __future__ import annotations

import os
from typing import Any

import gymnasium
import numpy as np
from pettingzoo import ParallelEnv

from ._client import Client, StepData
from ._options import simulator_options


class RoadgymParallelEnv(ParallelEnv):
    """See :func:`roadgym.parallel_env`."""

    metadata = {"name": "roadgym_v0", "render_modes": ["rgb_array"], "is_parallelizable": True}

    def __init__(
        self,
        scenario: str | os.PathLike,
        *,
        render_mode: str | None = None,
        render_options: dict | None = None,
        simulator: str | os.PathLike | None = None,
        **options: Any,
    ):
        if render_mode not in (None, "rgb_array"):
            raise ValueError(f"roadgym: render_mode must be None or 'rgb_array', got {render_mode!r}")
        self._client = Client(scenario, simulator_options(options), simulator)
        self.possible_agents = list(self._client.possible_agents)
        self.agents: list[str] = []
        self.render_mode = render_mode
        self.render_options = dict(render_options or {})
        self.metadata = {**type(self).metadata, "render_fps": round(1 / self._client.scenario_info["dtS"])}
        self._np_random: np.random.Generator | None = None

    @property
    def scenario(self) -> dict:
        """The scenario's name, seed and step length (``dtS``, seconds)."""
        return dict(self._client.scenario_info)

    @property
    def warnings(self) -> list[str]:
        """The scenario compiler's warnings (``file:line:col: message``)."""
        return list(self._client.warnings)

    @property
    def simulator_pid(self) -> int | None:
        """The process id of the simulator (None once closed)."""
        p = self._client.process
        return p.pid if p is not None and p.alive else None

    def observation_space(self, agent: str) -> gymnasium.spaces.Space:
        try:
            return self._client.observation_spaces[agent]
        except KeyError:
            raise KeyError(f"roadgym: no agent {agent!r}; agents are {', '.join(self.possible_agents)}") from None

    def action_space(self, agent: str) -> gymnasium.spaces.Space:
        try:
            return self._client.action_spaces[agent]
        except KeyError:
            raise KeyError(f"roadgym: no agent {agent!r}; agents are {', '.join(self.possible_agents)}") from None

    def episode_seed(self, seed: int | None) -> int:
        """The simulator seed of the next episode: ``seed``, else the next draw of the env's RNG.

        Seeding follows Gymnasium: a given seed restarts the RNG; without one the RNG goes on (and
        is seeded from entropy the first time).
        """
        if seed is not None:
            self._np_random = np.random.default_rng(seed)
            return seed
        if self._np_random is None:
            self._np_random = np.random.default_rng()
        return int(self._np_random.integers(2**31))

    def reset(self, seed: int | None = None, options: dict | None = None) -> tuple[dict, dict]:
        """Starts an episode. ``options`` may name a traffic ``variation`` (index or name)."""
        variation = (options or {}).get("variation")
        data = self._client.reset(self.episode_seed(seed), variation)
        self.agents = data.live
        return data.observations, data.infos

    def step(self, actions: dict[str, Any]) -> tuple[dict, dict, dict, dict, dict]:
        """One step with an action for every live agent; the results are keyed by the agents that
        were live for it and those that appeared during it."""
        data = self._client.step(actions)
        return self._take(data)

    def _take(self, data: StepData) -> tuple[dict, dict, dict, dict, dict]:
        self.agents = data.live
        return data.observations, data.rewards, data.terminations, data.truncations, data.infos

    def render(self) -> np.ndarray | None:
        """The top-down RGB image of the scene (``render_options``: ``width``, ``height``, ``follow``, ``resolutionM``)."""
        if self.render_mode is None:
            gymnasium.logger.warn("roadgym: render() without render_mode='rgb_array' returns None")
            return None
        return self._client.render(**self.render_options)

    def close(self) -> None:
        """Closes the environment (replays and trajectories flushed) and ends its simulator."""
        self._client.close()

    def __enter__(self) -> RoadgymParallelEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
