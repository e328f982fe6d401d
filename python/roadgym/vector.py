"""A Gymnasium ``VectorEnv`` over several simulator processes.

Each sub-environment is one agent of the scenario (as :class:`roadgym.single.RoadgymEnv`) in its
own simulator process. A step sends every sub-environment its action before reading any reply, so
the simulators run at once, one per core. Sub-environments reset automatically in Gymnasium's
next-step mode: the step after one ends, its action is ignored and it returns the new episode's
first observation (reward 0, not terminated).
"""

from __future__ import annotations

import os
from typing import Any

import gymnasium
import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space, concatenate, create_empty_array, iterate

from ._client import Client
from ._options import simulator_options
from .errors import RoadgymError
from .single import AgentDriver, Others


class RoadgymVectorEnv(VectorEnv):
    """See :func:`roadgym.vector_env`."""

    metadata = {"render_modes": [], "autoreset_mode": AutoresetMode.NEXT_STEP}

    def __init__(
        self,
        scenario: str | os.PathLike,
        num_envs: int,
        *,
        agent_id: str | None = None,
        others: Others = None,
        simulator: str | os.PathLike | None = None,
        **options: Any,
    ):
        if not (isinstance(num_envs, int) and num_envs >= 1):
            raise ValueError(f"roadgym: num_envs must be a positive integer, got {num_envs!r}")
        settings = simulator_options(options)
        self._drivers: list[AgentDriver] = []
        try:
            for _ in range(num_envs):
                self._drivers.append(AgentDriver(Client(scenario, settings, simulator), agent_id, others))
        except BaseException:
            for d in self._drivers:
                d.client.close()
            raise
        first = self._drivers[0]
        self.num_envs = num_envs
        self.agent_id = first.agent
        self.single_observation_space = first.client.observation_spaces[first.agent]
        self.single_action_space = first.client.action_spaces[first.agent]
        self.observation_space = batch_space(self.single_observation_space, num_envs)
        self.action_space = batch_space(self.single_action_space, num_envs)
        self.metadata = {**type(self).metadata, "render_fps": round(1 / first.client.scenario_info["dtS"])}
        self._autoreset = np.zeros(num_envs, dtype=bool)

    @property
    def simulator_pids(self) -> list[int | None]:
        """The sub-environments' simulator process ids."""
        return [d.client.process.pid if d.client.process and d.client.process.alive else None for d in self._drivers]

    def _seeds(self, seed: int | list[int | None] | None) -> list[int]:
        if seed is None:
            if self._np_random is None:
                self._np_random, _ = gymnasium.utils.seeding.np_random()
            return [int(self._np_random.integers(2**31)) for _ in range(self.num_envs)]
        if isinstance(seed, (int, np.integer)):
            self._np_random, _ = gymnasium.utils.seeding.np_random(int(seed))
            return [int(seed) + i for i in range(self.num_envs)]
        if len(seed) != self.num_envs:
            raise ValueError(f"roadgym: {len(seed)} seeds for {self.num_envs} environments")
        if self._np_random is None:
            self._np_random, _ = gymnasium.utils.seeding.np_random()
        return [int(s) if s is not None else int(self._np_random.integers(2**31)) for s in seed]

    def _finish(self, pending: list[tuple[int, str]]) -> list[Any]:
        """The replies of every sub-environment sent to (all read, even after a failure, so that no
        simulator is left with an unread reply); raises the first failure."""
        results: list[Any] = []
        error: BaseException | None = None
        for i, kind in pending:
            try:
                d = self._drivers[i]
                results.append(d.finish_reset() if kind == "reset" else d.finish_step())
            except RoadgymError as e:
                results.append(None)
                error = error or e
        if error is not None:
            raise error
        return results

    def reset(self, *, seed: int | list[int | None] | None = None, options: dict | None = None) -> tuple[Any, dict]:
        seeds = self._seeds(seed)
        for d, s in zip(self._drivers, seeds):
            d.send_reset(s, options)
        results = self._finish([(i, "reset") for i in range(self.num_envs)])
        self._autoreset[:] = False
        observations = concatenate(
            self.single_observation_space,
            [r[0] for r in results],
            create_empty_array(self.single_observation_space, self.num_envs),
        )
        infos: dict = {}
        for i, r in enumerate(results):
            infos = self._add_info(infos, r[1], i)
        return observations, infos

    def step(self, actions: Any) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict]:
        pending: list[tuple[int, str]] = []
        for i, action in enumerate(iterate(self.action_space, actions)):
            d = self._drivers[i]
            if self._autoreset[i]:
                d.send_reset(int(self.np_random.integers(2**31)), None)
                pending.append((i, "reset"))
            else:
                d.send_step(action)
                pending.append((i, "step"))
        results = self._finish(pending)
        rewards = np.zeros(self.num_envs, dtype=np.float64)
        terminations = np.zeros(self.num_envs, dtype=bool)
        truncations = np.zeros(self.num_envs, dtype=bool)
        observations_list = []
        infos: dict = {}
        for i, ((_, kind), r) in enumerate(zip(pending, results)):
            if kind == "reset":
                observations_list.append(r[0])
                infos = self._add_info(infos, r[1], i)
            else:
                obs, rewards[i], terminations[i], truncations[i], info = r
                observations_list.append(obs)
                infos = self._add_info(infos, info, i)
        self._autoreset = terminations | truncations
        observations = concatenate(
            self.single_observation_space,
            observations_list,
            create_empty_array(self.single_observation_space, self.num_envs),
        )
        return observations, rewards, terminations, truncations, infos

    def close_extras(self, **kwargs: Any) -> None:
        for d in self._drivers:
            d.client.close()
