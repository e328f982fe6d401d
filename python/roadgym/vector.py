"""A Gymnasium ``VectorEnv`` over several simulator processes.

Each sub-environment is one agent of the scenario (as :class:`roadgym.single.RoadgymEnv`) in its
own simulator process. A step sends every sub-environment its action before reading any reply, so
the simulators run at once, one per core. Sub-environments reset automatically in Gymnasium's
next-step mode: the step after one ends, its action is ignored and it returns the new episode's
first observation (reward 0, not terminated).
"""

from __future__ import annotations

import math
import os
from typing import Any

import gymnasium
import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space, concatenate, create_empty_array, iterate

from . import _protocol as P
from ._client import Client, Reply
from ._options import simulator_options
from ._process import DEFAULT_TIMEOUT_S
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
        timeout: float | None = DEFAULT_TIMEOUT_S,
        **options: Any,
    ):
        if not (isinstance(num_envs, int) and num_envs >= 1):
            raise ValueError(f"roadgym: num_envs must be a positive integer, got {num_envs!r}")
        settings = simulator_options(options)
        self._drivers: list[AgentDriver] = []
        try:
            for _ in range(num_envs):
                self._drivers.append(AgentDriver(Client(scenario, settings, simulator, timeout), agent_id, others))
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
        decoder = first.client.observation_decoder(first.agent)
        self._leaves = _observation_leaves(self.single_observation_space, decoder)
        #: One observation's bytes as a NumPy record: a field per leaf, in the space's order.
        self._observation_record = np.dtype(
            {
                "names": [f"leaf{i}" for i in range(len(self._leaves))],
                "formats": [(dtype, shape) for _, dtype, _, _, shape in self._leaves],
                "offsets": [offset for _, _, _, offset, _ in self._leaves],
                "itemsize": decoder.byte_length,
            }
        )
        self._actions_are_rows = isinstance(self.single_action_space, (gymnasium.spaces.Box, gymnasium.spaces.Discrete))

    @property
    def timeout(self) -> float | None:
        """Seconds each request to a simulator may take before it counts as hung (None: no limit); settable."""
        return self._drivers[0].client.timeout

    @timeout.setter
    def timeout(self, value: float | None) -> None:
        for d in self._drivers:
            d.client.timeout = value

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

    def _finish(self, pending: list[tuple[int, str]]) -> list[tuple[Reply, int]]:
        """The replies of every sub-environment sent to, each with its agent's record in it (all
        read, even after a failure, so that no simulator is left with an unread reply); raises the
        first failure. The replies after the first are tried before waiting: the simulators stepped
        together, so they are usually there by the time the first one has been read."""
        results: list[Any] = []
        error: BaseException | None = None
        for n, (i, kind) in enumerate(pending):
            try:
                d = self._drivers[i]
                results.append(d.finish_reset_reply(n > 0) if kind == "reset" else d.finish_step_reply(n > 0))
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
        return self._batch_observations(results), self._reply_infos(results)

    def step(self, actions: Any) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict]:
        pending: list[tuple[int, str]] = []
        # A Box or Discrete sub-space batches into one array, whose rows are the actions.
        rows = actions if self._actions_are_rows and isinstance(actions, np.ndarray) else None
        for i, action in enumerate(rows if rows is not None else iterate(self.action_space, actions)):
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
        for i, ((_, kind), (reply, k)) in enumerate(zip(pending, results)):
            if kind == "step":  # a sub-env that reset: reward 0, neither terminated nor truncated
                record = reply.records[k]
                flags = record[P.RECORD_FLAGS]
                terminated = bool(flags & P.FLAG_TERMINATED)
                rewards[i] = record[P.RECORD_REWARD]
                terminations[i] = terminated
                truncations[i] = bool(flags & P.FLAG_TRUNCATED) or (reply.episode_over and not terminated)
        self._autoreset = terminations | truncations
        return self._batch_observations(results), rewards, terminations, truncations, self._reply_infos(results)

    def _batch_observations(self, results: list[tuple[Reply, int]]) -> Any:
        """The agents' observations in ``results`` batched (as :meth:`_stack` batches them): their
        bytes joined, read as one record array, and each leaf copied out of it into a fresh array."""
        size = self._observation_record.itemsize
        joined = b"".join([memoryview(reply.buf)[reply.observations_at[k] :][:size] for reply, k in results])
        records = np.frombuffer(joined, self._observation_record)
        out: dict = {}
        for (path, *_), field in zip(self._leaves, self._observation_record.names):
            array = records[field].copy()
            if not path:
                return array
            node = out
            for key in path[:-1]:
                node = node.setdefault(key, {})
            node[path[-1]] = array
        return out

    def _reply_infos(self, results: list[tuple[Reply, int]]) -> dict:
        """The agents' infos in ``results`` batched (as :meth:`_batch_infos` batches the info dicts
        of :meth:`Client.info`), built straight from the replies' records: an array per key, its
        ``_key`` mask (all true: every sub-env has every key)."""
        n = len(results)
        records = [reply.records[k] for reply, k in results]
        columns = list(zip(*records))
        masks = list(np.ones((_INFO_MASKS, n), dtype=np.bool_))
        bits = list(
            np.unpackbits(
                np.array([columns[P.RECORD_EVENTS]], dtype=np.uint8), axis=0, count=len(P.EVENT_BITS), bitorder="little"
            ).view(np.bool_)
        )
        events: dict = {}
        for b, name in enumerate(P.EVENT_BITS):
            events[name] = bits[b]
            events[f"_{name}"] = masks[b]
        via = np.empty(n, dtype=object)
        reasons = np.empty(n, dtype=object)
        lanes = []
        roads = []
        for i, (d, record) in enumerate(zip(self._drivers, records)):
            strings = d.client.string
            via[i] = [int(v) for v in strings(record[P.RECORD_VIA])[1]]
            reasons[i] = list(strings(record[P.RECORD_REASONS])[1])
            lanes.append(strings(record[P.RECORD_LANE])[0])
            roads.append(strings(record[P.RECORD_ROAD])[0])
        events["viaPointsHit"] = via
        events["_viaPointsHit"] = masks[8]
        return {
            "tick": np.array([reply.tick for reply, _ in results], dtype=int),
            "_tick": masks[9],
            "events": events,
            "_events": masks[10],
            "reasons": reasons,
            "_reasons": masks[11],
            "routePositionM": _known_floats(columns[P.RECORD_POSITION]),
            "_routePositionM": masks[12],
            "routeLengthM": _known_floats(columns[P.RECORD_LENGTH]),
            "_routeLengthM": masks[13],
            "laneId": np.array(lanes, dtype=object),
            "_laneId": masks[14],
            "roadId": np.array(roads, dtype=object),
            "_roadId": masks[15],
            "speedMps": np.array(columns[P.RECORD_SPEED], dtype=float),
            "_speedMps": masks[16],
        }

    def _stack(self, observations: list[Any]) -> Any:
        """The sub-environments' observations batched, as Gymnasium's ``concatenate`` batches them."""
        return _stack(self.single_observation_space, observations)

    def _batch_infos(self, infos: list[dict]) -> dict:
        """The sub-environments' infos batched, as Gymnasium's ``VectorEnv._add_info`` batches them
        (every key an array over the sub-environments, ``_key`` its mask) — directly where every
        info has the same keys, as the simulator's always do."""
        if "final_obs" not in infos[0]:
            try:
                return _batch_same_keys(infos, np.ones(len(infos), dtype=np.bool_))
            except _Ragged:
                pass
        out: dict = {}
        for i, info in enumerate(infos):
            out = self._add_info(out, info, i)
        return out

    def close_extras(self, **kwargs: Any) -> None:
        for d in self._drivers:
            d.client.close()


#: The ``_key`` masks of a batched info: the 8 event bits, viaPointsHit, and the 8 keys of the info.
_INFO_MASKS = 17
assert _INFO_MASKS == len(P.EVENT_BITS) + 9


def _observation_leaves(space: gymnasium.spaces.Space, decoder: Any) -> list[tuple]:
    """The decoder's leaves (path, dtype, count, offset, shape) in the order of ``space``'s keys
    (the order Gymnasium batches a Dict space in)."""
    by_path = {leaf[0]: leaf for leaf in decoder.leaves}
    leaves: list[tuple] = []

    def visit(sub: gymnasium.spaces.Space, path: tuple[str, ...]) -> None:
        if isinstance(sub, gymnasium.spaces.Dict):
            for key, item in sub.spaces.items():
                visit(item, (*path, key))
        else:
            leaves.append(by_path[path])

    visit(space, ())
    return leaves


def _known_floats(values: tuple[float, ...]) -> np.ndarray:
    """Route figures batched as :func:`_batch_same_keys` batches them from the info dicts, where
    NaN is None: a float array (None as NaN), or an object array when the first is None."""
    if not math.isnan(values[0]):
        return np.array(values, dtype=float)
    array = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        array[i] = None if math.isnan(v) else v
    return array


def _stack(space: gymnasium.spaces.Space, items: list[Any]) -> Any:
    """``items`` of ``space`` batched into fresh arrays (a Box's into one ``(n, *shape)`` array)."""
    if isinstance(space, gymnasium.spaces.Dict):
        return {key: _stack(sub, [item[key] for item in items]) for key, sub in space.spaces.items()}
    if isinstance(space, gymnasium.spaces.Box):
        out = np.empty((len(items), *space.shape), space.dtype)
        for i, item in enumerate(items):
            out[i] = item
        return out
    return concatenate(space, items, create_empty_array(space, len(items)))


class _Ragged(Exception):
    """Infos whose keys differ (batched the general way instead)."""


def _batch_same_keys(infos: list[dict], mask: np.ndarray) -> dict:
    """:meth:`RoadgymVectorEnv._batch_infos` for infos with the same keys, nested dicts' too
    (``mask``: all true, one per info; copied for each key).

    Raises:
        _Ragged: where the infos' keys differ.
    """
    first_info = infos[0]
    if any(len(info) != len(first_info) for info in infos):
        raise _Ragged
    out: dict = {}
    for key, first in first_info.items():
        try:
            values = [info[key] for info in infos]
        except KeyError:
            raise _Ragged from None
        kind = type(first)
        if isinstance(first, dict):
            if not all(isinstance(v, dict) for v in values):
                raise _Ragged
            out[key] = _batch_same_keys(values, mask)
        elif kind is bool or kind is float or kind is int or isinstance(first, np.number):
            out[key] = np.array(values, dtype=kind)
        elif isinstance(first, np.ndarray):
            out[key] = np.array(values, dtype=first.dtype)
        else:
            array = np.full(len(values), None, dtype=object)
            for i, v in enumerate(values):
                array[i] = v
            out[key] = array
        out[f"_{key}"] = mask.copy()
    return out
