"""Python-side environment steps per second, for ``npm run bench -- python`` (bench/pythonBenchmark.ts).

    python -m roadgym.benchmark SCENARIO [--steps N] [--warmup N] [--envs 1,2]

prints one JSON object: ``single`` (steps/s of :func:`roadgym.env`, the agent's action always 0,
``keep_lane``) and ``vector`` (total sub-environment steps/s of :func:`roadgym.vector_env` per
number of processes). Each figure is timed after ``warmup`` untimed steps.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

import roadgym


def single_steps_per_second(scenario: str, steps: int, warmup: int) -> float:
    env = roadgym.env(scenario)
    try:
        env.reset(seed=1)
        for _ in range(warmup):
            env.step(0)
        t0 = time.perf_counter()
        for _ in range(steps):
            env.step(0)
        return steps / (time.perf_counter() - t0)
    finally:
        env.close()


def vector_steps_per_second(scenario: str, num_envs: int, steps: int, warmup: int) -> float:
    env = roadgym.vector_env(scenario, num_envs)
    try:
        env.reset(seed=1)
        actions = np.zeros(num_envs, dtype=np.int64)
        for _ in range(warmup):
            env.step(actions)
        t0 = time.perf_counter()
        for _ in range(steps):
            env.step(actions)
        return num_envs * steps / (time.perf_counter() - t0)
    finally:
        env.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m roadgym.benchmark", description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", help="a .scn path or a registered name (its only agent is stepped)")
    parser.add_argument("--steps", type=int, default=3000, help="timed steps per figure (default 3000)")
    parser.add_argument("--warmup", type=int, default=600, help="untimed steps first (default 600)")
    parser.add_argument("--envs", default="", help="comma-separated process counts for the vector env (default: none)")
    args = parser.parse_args()
    out = {"single": single_steps_per_second(args.scenario, args.steps, args.warmup), "vector": {}}
    for n in [int(x) for x in args.envs.split(",") if x]:
        out["vector"][str(n)] = vector_steps_per_second(args.scenario, n, args.steps, args.warmup)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
