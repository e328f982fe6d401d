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
from ._process import SimulatorProcess
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


def _known(v: float) -> float | None:
    return None if math.isnan(v) else v


def scenario_argument(scenario: str | os.PathLike) -> str:
    """A scenario as the simulator takes it: a registered name as is, a path made absolute."""
    text = os.fspath(scenario)
    if text.startswith("roadgym/"):
        return text
    return str(Path(text).expanduser().resolve())


class Client:
    """See the module comment. ``options`` are makeEnv's, in the simulator's (camelCase) form."""

    def __init__(self, scenario: str | os.PathLike, options: dict, simulator: str | os.PathLike | None = None):
        self.scenario = scenario_argument(scenario)
        self.options = options
        self._simulator = simulator
        self.process: SimulatorProcess | None = None
        self._start()

    def _start(self) -> None:
        process = SimulatorProcess(self._simulator)
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
        self._strings: list[str] = []

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
        self._live_process().send(P.MSG_RESET, json.dumps(body).encode("utf8"))

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
        self._live_process().send(P.MSG_STEP, b"".join(parts))

    def receive(self, what: str) -> StepData:
        """The reply to the reset or step sent last."""
        _, body = self._live_process().receive(what)
        return self._decode(body)

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

    def _decode(self, buf: bytearray) -> StepData:
        tick, n_reported, n_live, n_strings, over = struct.unpack_from("<IHHHB", buf, 0)
        names = self.possible_agents
        live = [names[i] for i in np.frombuffer(buf, "<u2", n_live, P.STEP_HEADER_BYTES).tolist()]
        records_at = P.align(P.STEP_HEADER_BYTES + 2 * n_live, 8)
        records = np.frombuffer(buf, P.AGENT_RECORD, n_reported, records_at).tolist()
        at = records_at + n_reported * P.AGENT_RECORD_BYTES
        strings = self._strings
        for _ in range(n_strings):
            (length,) = struct.unpack_from("<H", buf, at)
            strings.append(bytes(buf[at + 2 : at + 2 + length]).decode("utf8"))
            at += 2 + length
        at = P.align(at, 4)
        observations: dict[str, Any] = {}
        rewards: dict[str, float] = {}
        terminations: dict[str, bool] = {}
        truncations: dict[str, bool] = {}
        infos: dict[str, dict] = {}
        for reward, position, length, speed, lane, road, reasons, via, index, flags, events, _ in records:
            agent = names[index]
            decoder = self._decoders[index]
            observations[agent] = decoder.decode(buf, at)
            at += decoder.byte_length
            rewards[agent] = reward
            terminations[agent] = bool(flags & P.FLAG_TERMINATED)
            truncations[agent] = bool(flags & P.FLAG_TRUNCATED)
            via_text = strings[via]
            reasons_text = strings[reasons]
            event_dict: dict[str, Any] = {name: bool(events >> bit & 1) for bit, name in enumerate(P.EVENT_BITS)}
            event_dict["viaPointsHit"] = [int(v) for v in via_text.split(",")] if via_text else []
            infos[agent] = {
                "tick": tick,
                "events": event_dict,
                "reasons": reasons_text.split(",") if reasons_text else [],
                "routePositionM": _known(position),
                "routeLengthM": _known(length),
                "laneId": strings[lane],
                "roadId": strings[road],
                "speedMps": speed,
            }
        return StepData(tick, bool(over), live, observations, rewards, terminations, truncations, infos)
