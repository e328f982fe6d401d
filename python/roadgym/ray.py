"""Ray as roadgym's scale-out engine: benchmark suites with one Ray task per episode, and rollouts
collected by Ray actors that each own simulator processes. On a Ray cluster this spreads roadgym
over many machines; the scenario, suite and policy files must then be at the same paths on every
node (a shared file system, or the same checkout everywhere).

    import ray, roadgym.ray
    ray.init()                                              # or ray.init(address="auto")
    report = roadgym.ray.run_benchmark("paper", out="results")
    rollouts = roadgym.ray.collect_rollouts("roadgym/paper-two_way", num_workers=4, steps=1000)

``run_benchmark`` plans the suite's episodes and writes the report with the same code as
``roadgym benchmark``, so its files are byte for byte those of a single-machine run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import numpy as np
import ray

from . import _protocol as P
from ._process import SimulatorProcess
from .parallel import RoadgymParallelEnv

#: A policy for rollouts: ``policy(agent, observation, action_space) -> action``.
Policy = Callable[[str, Any, Any], Any]

#: The simulator each Ray worker process keeps for benchmark episodes (one per entry script).
_worker_simulators: dict[str | None, SimulatorProcess] = {}


def _worker_simulator(simulator: str | None) -> SimulatorProcess:
    process = _worker_simulators.get(simulator)
    if process is None or not process.alive:
        process = _worker_simulators[simulator] = SimulatorProcess(simulator)
    return process


@ray.remote(num_cpus=1)
def run_episode(task: dict, simulator: str | None = None) -> dict:
    """Runs one benchmark episode (a task of the suite's plan) in this worker's simulator."""
    what = f"running episode {task['index']} (policy {task['policy']['name']!r}, scenario {task['scenario']['id']!r}, seed {task['seed']})"
    return _worker_simulator(simulator).request_json(P.MSG_BENCHMARK_EPISODE, {"task": task}, what)["outcome"]


def _suite_argument(suite: str | os.PathLike) -> str:
    path = Path(os.fspath(suite)).expanduser()
    return str(path.resolve()) if path.exists() else os.fspath(suite)


def run_benchmark(
    suite: str | os.PathLike,
    *,
    out: str | os.PathLike | None = None,
    episodes: int | None = None,
    seeds: int | None = None,
    simulator: str | os.PathLike | None = None,
) -> dict:
    """Runs a benchmark suite (a suite file, or a built-in suite's name such as ``"paper"``) with
    one Ray task per episode, and writes ``roadgym benchmark``'s report into ``out`` (default
    ``benchmark-results/<suite name>``).

    Args:
        episodes: episodes per seed instead of the suite's (``--episodes``).
        seeds: only the suite's first ``seeds`` seeds (``--seeds``).

    Returns:
        ``{"out", "files", "table", "episodes", "agentEpisodes"}``: where the report went, the files
        written, the collision / completion table (Markdown lines) and the counts.
    """
    entry = None if simulator is None else os.fspath(simulator)
    request: dict[str, Any] = {"suite": _suite_argument(suite)}
    if episodes is not None:
        request["episodes"] = episodes
    if seeds is not None:
        request["seeds"] = seeds
    local = SimulatorProcess(entry)
    try:
        plan = local.request_json(P.MSG_BENCHMARK_PLAN, request, f"planning suite {request['suite']}")
        outcomes = ray.get([run_episode.remote(task, entry) for task in plan["tasks"]])
        report = {**request, "outcomes": outcomes}
        if out is not None:
            report["out"] = str(Path(os.fspath(out)).resolve())
        return local.request_json(P.MSG_BENCHMARK_REPORT, report, f"writing the report of suite {plan['name']}")
    finally:
        local.close()


class RolloutWorker:
    """Steps ``num_envs`` parallel envs of one scenario (each its own simulator process) with a
    policy, episodes following one another; :data:`RolloutActor` is this class as a Ray actor.

    Episode ``k`` of env ``i`` has seed ``seed + 1000 * i + k``; with no policy, actions are drawn
    from the agents' action spaces, seeded likewise, so a worker's rollouts are reproducible.
    """

    def __init__(
        self,
        scenario: str,
        *,
        num_envs: int = 1,
        policy: Policy | None = None,
        seed: int = 0,
        simulator: str | None = None,
        **options: Any,
    ):
        self.envs = [RoadgymParallelEnv(scenario, simulator=simulator, **options) for _ in range(num_envs)]
        self.policy = policy
        self.seed = seed
        self.episodes = [0] * num_envs
        self.observations: list[dict | None] = [None] * num_envs

    def simulator_pids(self) -> list[int | None]:
        return [e.simulator_pid for e in self.envs]

    def _reset(self, i: int) -> None:
        env = self.envs[i]
        episode_seed = self.seed + 1000 * i + self.episodes[i]
        self.observations[i], _ = env.reset(seed=episode_seed)
        for k, agent in enumerate(env.possible_agents):
            env.action_space(agent).seed(episode_seed * 7919 + k)

    def sample(self, steps: int) -> list[dict]:
        """``steps`` steps of every env. Returns one segment per env, agent and episode touched:
        ``{"env", "episode", "agent", "observations" (list), "actions" (list), "rewards",
        "terminations", "truncations" (arrays)}`` — each observation the one the action was taken on."""
        segments: dict[tuple[int, int, str], dict] = {}
        for i, env in enumerate(self.envs):
            for _ in range(steps):
                if self.observations[i] is None or not env.agents:
                    if self.observations[i] is not None:
                        self.episodes[i] += 1
                    self._reset(i)
                    if not env.agents:
                        continue
                obs = self.observations[i]
                actions = {
                    a: self.policy(a, obs[a], env.action_space(a)) if self.policy else env.action_space(a).sample()
                    for a in env.agents
                }
                next_obs, rewards, terminations, truncations, _ = env.step(actions)
                for a, action in actions.items():
                    seg = segments.setdefault(
                        (i, self.episodes[i], a),
                        {
                            "env": i,
                            "episode": self.episodes[i],
                            "agent": a,
                            "observations": [],
                            "actions": [],
                            "rewards": [],
                            "terminations": [],
                            "truncations": [],
                        },
                    )
                    seg["observations"].append(obs[a])
                    seg["actions"].append(action)
                    seg["rewards"].append(rewards.get(a, 0.0))
                    seg["terminations"].append(terminations.get(a, False))
                    seg["truncations"].append(truncations.get(a, False))
                self.observations[i] = {**obs, **next_obs}
        for seg in segments.values():
            for key, dtype in (("rewards", np.float64), ("terminations", bool), ("truncations", bool)):
                seg[key] = np.asarray(seg[key], dtype=dtype)
        return list(segments.values())

    def close(self) -> None:
        for env in self.envs:
            env.close()


#: :class:`RolloutWorker` as a Ray actor (one CPU): ``RolloutActor.remote(scenario, ...)``.
RolloutActor = ray.remote(num_cpus=1)(RolloutWorker)


def collect_rollouts(
    scenario: str,
    *,
    num_workers: int = 2,
    num_envs_per_worker: int = 1,
    steps: int = 100,
    policy: Policy | None = None,
    seed: int = 0,
    **options: Any,
) -> list[dict]:
    """Rollouts of ``scenario`` from ``num_workers`` Ray actors, each owning
    ``num_envs_per_worker`` simulator processes and stepping each env ``steps`` times (worker ``w``
    seeds its episodes from ``seed + 10**6 * w``). Returns every worker's segments
    (:meth:`RolloutWorker.sample`), each with its ``worker`` index; the actors and their simulators
    are closed before returning."""
    scenario = os.fspath(scenario)
    if not scenario.startswith("roadgym/"):
        scenario = str(Path(scenario).resolve())
    workers = [
        RolloutActor.remote(scenario, num_envs=num_envs_per_worker, policy=policy, seed=seed + 10**6 * w, **options)
        for w in range(num_workers)
    ]
    try:
        results = ray.get([w.sample.remote(steps) for w in workers])
        ray.get([w.close.remote() for w in workers])
    finally:
        for w in workers:
            ray.kill(w)
    return [{**seg, "worker": w} for w, segments in enumerate(results) for seg in segments]
