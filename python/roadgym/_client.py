"""One environment in one simulator process: the handshake (agents and their spaces), and reset,
step and render as requests whose binary replies are decoded into NumPy arrays and Python
dicts. Requests can be split into ``send_*`` and ``receive`` so that a vector env keeps several
simulators busy at once. A client whose simulator died starts a new one at the next reset.
"""

from __future__ import annotations

import json
import math
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import _protocol as P
from ._process import DEFAULT_TIMEOUT_S, SimulatorProcess, check_timeout
from ._spaces import ActionEncoder, ObservationDecoder, build_space
from .errors import ActionError, SimulatorError


@dataclass
class StepData:
    """A decoded reset or step reply."""

    tick: int
    episode_over: bool
    #: Live agents after the step.
    live: list[str]
    observations: dict[str, Any]
    rewards: dict[str, float]
    terminations: dict[str, bool]
    truncations: dict[str, bool]
    infos: dict[str, dict]


class Reply:
    """A step (or reset) reply read up to its observations: ``records`` are the reported agents'
    records (:data:`roadgym._protocol.AGENT_RECORD_STRUCT` tuples), ``observations_at`` where each
    one's observation starts in ``buf``."""

    __slots__ = ("buf", "tick", "episode_over", "live", "records", "observations_at")

    def __init__(
        self, buf: bytearray, tick: int, episode_over: bool, live: list[str], records: list, observations_at: list
    ):
        self.buf = buf
        self.tick = tick
        self.episode_over = episode_over
        self.live = live
        self.records = records
        self.observations_at = observations_at

    def find(self, index: int) -> int:
        """The position among the records of agent ``index`` (into ``possible_agents``), or -1."""
        for k, record in enumerate(self.records):
            if record[P.RECORD_AGENT] == index:
                return k
        return -1


def _known(v: float) -> float | None:
    return None if math.isnan(v) else v


def scenario_argument(scenario: str | os.PathLike) -> str:
    """A scenario as the simulator takes it: a registered name as is, a path made absolute."""
    text = os.fspath(scenario)
    if text.startswith("roadgym/"):
        return text
    return str(Path(text).expanduser().resolve())


class Client:
    """See the module comment. ``options`` are makeEnv's, in the simulator's (camelCase) form;
    ``timeout`` the seconds each request may take (None: no limit)."""

    def __init__(
        self,
        scenario: str | os.PathLike,
        options: dict,
        simulator: str | os.PathLike | None = None,
        timeout: float | None = DEFAULT_TIMEOUT_S,
    ):
        self.scenario = scenario_argument(scenario)
        self.options = options
        self._simulator = simulator
        self._timeout = check_timeout(timeout)
        self.process: SimulatorProcess | None = None
        self._start()

    def _start(self) -> None:
        process = SimulatorProcess(self._simulator, timeout=self._timeout)
        try:
            hello = process.request_json(
                P.MSG_MAKE,
                {"protocol": P.PROTOCOL_VERSION, "scenario": self.scenario, "options": self.options},
                f"building the environment of {self.scenario}",
            )
        except BaseException:
            process.close(polite=False)
            raise
        self.process = process
        if getattr(self, "possible_agents", None) is not None:
            return  # a restart: the spaces were built from the first handshake
        self.possible_agents: list[str] = list(hello["possibleAgents"])
        self.scenario_info: dict = hello["scenario"]
        self.warnings: list[str] = hello.get("warnings", [])
        agents = hello["agents"]
        self.observation_spaces = {a: build_space(agents[a]["observationSpace"]) for a in self.possible_agents}
        self.action_spaces = {a: build_space(agents[a]["actionSpace"], action=True) for a in self.possible_agents}
        self._decoders = [ObservationDecoder(agents[a]["observationSpace"]) for a in self.possible_agents]
        self._encoders = {
            a: (i, ActionEncoder(a, agents[a]["actionSpace"])) for i, a in enumerate(self.possible_agents)
        }
        #: The connection's string table: each string and its comma-separated parts.
        self._strings: list[tuple[str, tuple[str, ...]]] = []
        #: The ``events`` info of each event bit set seen (copied into each info).
        self._events: dict[int, dict[str, bool]] = {}

    @property
    def timeout(self) -> float | None:
        """Seconds each request may take (None: no limit)."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: float | None) -> None:
        self._timeout = check_timeout(value)
        if self.process is not None:
            self.process.timeout = self._timeout

    def _live_process(self) -> SimulatorProcess:
        # Not `alive` (a waitpid per call): a dead child shows as end of input on the next read.
        if self.process is None or not self.process.open:
            raise SimulatorError(
                "roadgym: the simulator is not running (it died or the environment was closed); reset() starts a new one"
            )
        return self.process

    def send_reset(self, seed: int | None, variation: int | str | None = None) -> None:
        """Sends a reset; a dead simulator is replaced first."""
        if seed is not None and not (isinstance(seed, (int, np.integer)) and 0 <= seed < 2**53):
            raise ValueError(f"roadgym: seed must be an integer in [0, 2**53), got {seed!r}")
        if self.process is None or not self.process.alive:
            if self.process is not None:
                self.process.close(polite=False)
            self._strings = []
            self._start()
        body = {"seed": None if seed is None else int(seed), "variation": variation}
        self._live_process().send(P.MSG_RESET, json.dumps(body).encode("utf8"), "resetting")

    def send_step(self, actions: dict[str, Any]) -> None:
        """Sends a step with one action per live agent."""
        parts = [struct.pack("<H", len(actions))]
        for agent, action in actions.items():
            entry = self._encoders.get(agent)
            if entry is None:
                raise ActionError(
                    f'agent "{agent}": no such agent; agents are {", ".join(self.possible_agents) or "(none)"}'
                )
            index, encoder = entry
            data = encoder.encode(action)
            parts.append(struct.pack("<HI", index, len(data)))
            parts.append(data)
        self._live_process().send(P.MSG_STEP, b"".join(parts), "stepping")

    def receive(self, what: str) -> StepData:
        """The reply to the reset or step sent last."""
        return self.step_data(self.receive_reply(what))

    def receive_reply(self, what: str, ready: bool = False) -> Reply:
        """The reply to the reset or step sent last, undecoded past its records (``ready``: see
        :meth:`SimulatorProcess.receive`)."""
        _, body = self._live_process().receive(what, ready)
        return self._parse(body)

    def reset(self, seed: int | None, variation: int | str | None = None) -> StepData:
        self.send_reset(seed, variation)
        return self.receive("resetting")

    def step(self, actions: dict[str, Any]) -> StepData:
        self.send_step(actions)
        return self.receive("stepping")

    def render(self, **options: Any) -> np.ndarray:
        """The top-down RGB image of the scene, ``(height, width, 3)`` uint8."""
        body = self._live_process().request(P.MSG_RENDER, json.dumps(options).encode("utf8"), "rendering")
        height, width = struct.unpack_from("<HH", body, 0)
        return np.frombuffer(body, np.uint8, height * width * 3, 4).reshape(height, width, 3)

    def close(self) -> None:
        if self.process is not None:
            self.process.close()

    def _parse(self, buf: bytearray) -> Reply:
        """A step reply's header, live agents and records; new strings join the string table."""
        tick, n_reported, n_live, n_strings, over = P.STEP_HEADER.unpack_from(buf, 0)
        names = self.possible_agents
        live = [names[i] for i in struct.unpack_from(f"<{n_live}H", buf, P.STEP_HEADER_BYTES)]
        records_at = P.align(P.STEP_HEADER_BYTES + 2 * n_live, 8)
        at = records_at + n_reported * P.AGENT_RECORD_BYTES
        records = list(P.AGENT_RECORD_STRUCT.iter_unpack(memoryview(buf)[records_at:at]))
        strings = self._strings
        for _ in range(n_strings):
            (length,) = struct.unpack_from("<H", buf, at)
            text = bytes(buf[at + 2 : at + 2 + length]).decode("utf8")
            strings.append((text, tuple(text.split(",")) if text else ()))
            at += 2 + length
        at = P.align(at, 4)
        observations_at = []
        decoders = self._decoders
        for record in records:
            observations_at.append(at)
            at += decoders[record[P.RECORD_AGENT]].byte_length
        return Reply(buf, tick, bool(over), live, records, observations_at)

    def observation(self, reply: Reply, k: int) -> Any:
        """The observation of the ``k``-th reported agent of ``reply`` (views on its buffer)."""
        return self._decoders[reply.records[k][P.RECORD_AGENT]].decode(reply.buf, reply.observations_at[k])

    def info(self, tick: int, record: tuple) -> dict:
        """The info dict of one agent record (fresh dicts and lists: the caller may keep or change them)."""
        _, position, length, speed, lane, road, reasons, via, _, _, events = record
        strings = self._strings
        event_dict = self._events.get(events)
        if event_dict is None:
            event_dict = self._events[events] = {name: bool(events >> bit & 1) for bit, name in enumerate(P.EVENT_BITS)}
        return {
            "tick": tick,
            "events": {**event_dict, "viaPointsHit": [int(v) for v in strings[via][1]]},
            "reasons": list(strings[reasons][1]),
            "routePositionM": _known(position),
            "routeLengthM": _known(length),
            "laneId": strings[lane][0],
            "roadId": strings[road][0],
            "speedMps": speed,
        }

    def observation_decoder(self, agent: str) -> ObservationDecoder:
        """The decoder of ``agent``'s observations."""
        return self._decoders[self.possible_agents.index(agent)]

    def string(self, index: int) -> tuple[str, tuple[str, ...]]:
        """An entry of the connection's string table: the string and its comma-separated parts."""
        return self._strings[index]

    def step_data(self, reply: Reply) -> StepData:
        """``reply`` decoded into dicts keyed by agent."""
        names = self.possible_agents
        decoders = self._decoders
        buf = reply.buf
        tick = reply.tick
        observations: dict[str, Any] = {}
        rewards: dict[str, float] = {}
        terminations: dict[str, bool] = {}
        truncations: dict[str, bool] = {}
        infos: dict[str, dict] = {}
        for record, at in zip(reply.records, reply.observations_at):
            index = record[P.RECORD_AGENT]
            flags = record[P.RECORD_FLAGS]
            agent = names[index]
            observations[agent] = decoders[index].decode(buf, at)
            rewards[agent] = record[0]
            terminations[agent] = bool(flags & P.FLAG_TERMINATED)
            truncations[agent] = bool(flags & P.FLAG_TRUNCATED)
            infos[agent] = self.info(tick, record)
        return StepData(tick, reply.episode_over, reply.live, observations, rewards, terminations, truncations, infos)
