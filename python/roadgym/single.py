"""The single-agent environment: Gymnasium's ``Env`` over one agent of a roadgym scenario.

The controlled agent is ``agent_id``, or the scenario's only agent. Other agents of the scenario
are driven by ``others``: ``"sample"`` (random actions from their action spaces, seeded by the
episode seed), a callable ``others(observations, agents) -> {agent: action}``, or None (the
default: a step with other agents live is an error saying so).
"""

from __future__ import annotations

import os
from typing import Any, Callable, Union

import gymnasium
import numpy as np

from . import _protocol as P
from ._client import Client, Reply, StepData
from ._options import simulator_options
from ._process import DEFAULT_TIMEOUT_S
from .errors import RoadgymError

Others = Union[None, str, Callable[[dict, list], dict]]


class AgentDriver:
    """One agent of one client, and the policy of the others: the part shared by the single-agent
    env and the vector env (which sends to all its simulators before reading any reply)."""

    def __init__(self, client: Client, agent_id: str | None, others: Others):
        ids = client.possible_agents
        if agent_id is None:
            if len(ids) != 1:
                raise RoadgymError(
                    f"roadgym: the scenario has {len(ids)} agents ({', '.join(ids) or 'none'}); "
                    "name the one to control with agent_id"
                )
            agent_id = ids[0]
        elif agent_id not in ids:
            raise RoadgymError(f"roadgym: no agent {agent_id!r}; agents are {', '.join(ids) or '(none)'}")
        if not (others is None or others == "sample" or callable(others)):
            raise ValueError(f"roadgym: others must be None, 'sample' or a callable, got {others!r}")
        self.client = client
        self.agent = agent_id
        self._index = ids.index(agent_id)
        self.others = others
        self.live: list[str] = []
        self._last: dict[str, Any] = {}
        self._rng = np.random.default_rng(0)

    def send_reset(self, seed: int, options: dict | None) -> None:
        self._rng = np.random.default_rng(seed)
        self.client.send_reset(seed, (options or {}).get("variation"))

    def finish_reset(self) -> tuple[Any, dict]:
        data = self.client.receive("resetting")
        self.live = data.live
        self._last = dict(data.observations)
        if self.agent not in data.observations:
            raise RoadgymError(
                f"roadgym: agent {self.agent!r} is not live after reset (the episode ended before it appeared)"
            )
        return data.observations[self.agent], data.infos[self.agent]

    def finish_reset_reply(self, ready: bool = False) -> tuple[Reply, int]:
        """:meth:`finish_reset` for the vector env: the reply and the agent's record in it."""
        reply = self.client.receive_reply("resetting", ready)
        self.live = reply.live
        k = reply.find(self._index)
        if k < 0:
            raise RoadgymError(
                f"roadgym: agent {self.agent!r} is not live after reset (the episode ended before it appeared)"
            )
        self._last = self._observations(reply) if callable(self.others) else {}
        return reply, k

    def finish_step_reply(self, ready: bool = False) -> tuple[Reply, int]:
        """:meth:`finish_step` for the vector env: the reply and the agent's record in it."""
        reply = self.client.receive_reply("stepping", ready)
        self.live = reply.live
        k = reply.find(self._index)
        if k < 0:
            raise RoadgymError(f"roadgym: the simulator's step reply has no record of agent {self.agent!r}")
        if callable(self.others):
            self._last.update(self._observations(reply))
        return reply, k

    def _observations(self, reply: Reply) -> dict[str, Any]:
        names = self.client.possible_agents
        return {names[r[P.RECORD_AGENT]]: self.client.observation(reply, k) for k, r in enumerate(reply.records)}

    def send_step(self, action: Any) -> None:
        actions = {self.agent: action}
        others = [a for a in self.live if a != self.agent]
        if others:
            if self.others is None:
                raise RoadgymError(
                    f"roadgym: agents {', '.join(others)} are live beside {self.agent!r}; "
                    "drive them with others='sample' or others=callable(observations, agents)"
                )
            if self.others == "sample":
                for a in others:
                    space = self.client.action_spaces[a]
                    space.seed(int(self._rng.integers(2**31)))
                    actions[a] = space.sample()
            else:
                chosen = self.others({a: self._last[a] for a in others if a in self._last}, others)
                actions.update({a: chosen[a] for a in others})
        self.client.send_step(actions)

    def finish_step(self) -> tuple[Any, float, bool, bool, dict]:
        data: StepData = self.client.receive("stepping")
        self.live = data.live
        self._last.update(data.observations)
        a = self.agent
        return (
            data.observations[a],
            float(data.rewards[a]),
            data.terminations[a],
            data.truncations[a] or (data.episode_over and not data.terminations[a]),
            data.infos[a],
        )


class RoadgymEnv(gymnasium.Env):
    """See :func:`roadgym.env`."""

    metadata = {"render_modes": ["rgb_array"]}

    def __init__(
        self,
        scenario: str | os.PathLike,
        *,
        agent_id: str | None = None,
        others: Others = None,
        render_mode: str | None = None,
        render_options: dict | None = None,
        simulator: str | os.PathLike | None = None,
        timeout: float | None = DEFAULT_TIMEOUT_S,
        **options: Any,
    ):
        if render_mode not in (None, "rgb_array"):
            raise ValueError(f"roadgym: render_mode must be None or 'rgb_array', got {render_mode!r}")
        client = Client(scenario, simulator_options(options), simulator, timeout)
        try:
            self._driver = AgentDriver(client, agent_id, others)
        except BaseException:
            client.close()
            raise
        self._client = client
        self.agent_id = self._driver.agent
        self.observation_space = client.observation_spaces[self.agent_id]
        self.action_space = client.action_spaces[self.agent_id]
        self.render_mode = render_mode
        self.render_options = dict(render_options or {})
        self.metadata = {**type(self).metadata, "render_fps": round(1 / client.scenario_info["dtS"])}

    @property
    def timeout(self) -> float | None:
        """Seconds each request to the simulator may take before it counts as hung (None: no limit);
        settable, say to allow a slow first reset and then hold steps to a tighter limit."""
        return self._client.timeout

    @timeout.setter
    def timeout(self, value: float | None) -> None:
        self._client.timeout = value

    @property
    def simulator_pid(self) -> int | None:
        """The process id of the simulator (None once closed)."""
        p = self._client.process
        return p.pid if p is not None and p.alive else None

    def reset(self, *, seed: int | None = None, options: dict | None = None) -> tuple[Any, dict]:
        """Starts an episode (``options``: ``variation``). A given seed is the simulator's seed; without
        one the next seed comes from the env's RNG (Gymnasium's seeding)."""
        super().reset(seed=seed)
        episode_seed = seed if seed is not None else int(self.np_random.integers(2**31))
        self._driver.send_reset(episode_seed, options)
        return self._driver.finish_reset()

    def step(self, action: Any) -> tuple[Any, float, bool, bool, dict]:
        self._driver.send_step(action)
        return self._driver.finish_step()

    def render(self) -> np.ndarray | None:
        """The top-down RGB image of the scene, centred on the map (``render_options`` may ``follow`` an agent)."""
        if self.render_mode is None:
            gymnasium.logger.warn("roadgym: render() without render_mode='rgb_array' returns None")
            return None
        return self._client.render(**self.render_options)

    def close(self) -> None:
        """Closes the environment (replays flushed) and ends its simulator."""
        self._client.close()
        super().close()
