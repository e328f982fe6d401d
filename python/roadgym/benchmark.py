"""Python-side environment steps per second, for ``npm run bench -- python`` (bench/pythonBenchmark.ts).

    python -m roadgym.benchmark SCENARIO [--steps N] [--warmup N] [--envs 1,2]

prints one JSON object: ``single`` (steps/s of :func:`roadgym.env`, the agent's action always 0,
``keep_lane``), ``vector`` (total sub-environment steps/s of :func:`roadgym.vector_env` per
number of processes) and ``cpu``: the CPU time per (sub-environment) step of this Python process
and of the simulator processes, in µs — figures a loaded machine disturbs far less than steps/s
(None where ``/proc`` cannot tell a process's CPU time). Each figure is timed after ``warmup``
untimed steps.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

import roadgym


def process_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) process ``pid`` has used, from ``/proc`` (None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class _Timer:
    """Wall time and the CPU time of this process and of the simulators ``pids``, over a block."""

    def __init__(self, pids: list[int | None]):
        self.pids = [p for p in pids if p is not None]

    def __enter__(self) -> _Timer:
        self.sim0 = [process_cpu_seconds(p) for p in self.pids]
        self.cpu0 = time.process_time()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0
        self.python_cpu = time.process_time() - self.cpu0
        after = [process_cpu_seconds(p) for p in self.pids]
        self.simulator_cpu = (
            None if None in self.sim0 or None in after else sum(b - a for a, b in zip(self.sim0, after))
        )

    def cpu_us(self, steps: int) -> dict[str, Any]:
        """CPU µs per step of Python and of the simulators together."""
        return {
            "python": 1e6 * self.python_cpu / steps,
            "simulator": None if self.simulator_cpu is None else 1e6 * self.simulator_cpu / steps,
        }


def single_steps_per_second(scenario: str, steps: int, warmup: int) -> tuple[float, dict]:
    env = roadgym.env(scenario)
    try:
        env.reset(seed=1)
        for _ in range(warmup):
            env.step(0)
        with _Timer([env.simulator_pid]) as t:
            for _ in range(steps):
                env.step(0)
        return steps / t.seconds, t.cpu_us(steps)
    finally:
        env.close()


def vector_steps_per_second(scenario: str, num_envs: int, steps: int, warmup: int) -> tuple[float, dict]:
    env = roadgym.vector_env(scenario, num_envs)
    try:
        env.reset(seed=1)
        actions = np.zeros(num_envs, dtype=np.int64)
        for _ in range(warmup):
            env.step(actions)
        with _Timer(env.simulator_pids) as t:
            for _ in range(steps):
                env.step(actions)
        return num_envs * steps / t.seconds, t.cpu_us(num_envs * steps)
    finally:
        env.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m roadgym.benchmark", description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", help="a .scn path or a registered name (its only agent is stepped)")
    parser.add_argument("--steps", type=int, default=3000, help="timed steps per figure (default 3000)")
    parser.add_argument(
        "--warmup", type=int, default=8000, help="untimed steps first, to the JIT's steady state (default 8000)"
    )
    parser.add_argument("--envs", default="", help="comma-separated process counts for the vector env (default: none)")
    args = parser.parse_args()
    rate, cpu = single_steps_per_second(args.scenario, args.steps, args.warmup)
    out: dict[str, Any] = {"single": rate, "vector": {}, "cpu": {"single": cpu, "vector": {}}}
    for n in [int(x) for x in args.envs.split(",") if x]:
        rate, cpu = vector_steps_per_second(args.scenario, n, args.steps, args.warmup)
        out["vector"][str(n)] = rate
        out["cpu"]["vector"][str(n)] = cpu
    print(json.dumps(out))


if __name__ == "__main__":
    main()
