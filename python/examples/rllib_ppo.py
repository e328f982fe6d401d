"""Multi-agent PPO from RLlib on ``roadgym.parallel_env``: one policy shared by the agents of the
Two-Way scenario (docs/python.md, "RLlib"). Not run in CI: it needs ``ray[rllib]`` and torch.

    python python/examples/rllib_ppo.py --iterations 200
    python python/examples/rllib_ppo.py --iterations 2 --env-runners 0 --batch 400   # a quick check

Each iteration prints the mean episode return, the environment steps sampled so far and the
iteration's wall time.
"""

from __future__ import annotations

import argparse
import time

import roadgym
from ray.rllib.algorithms.ppo import PPOConfig
from ray.rllib.connectors.env_to_module import FlattenObservations
from ray.rllib.env.wrappers.pettingzoo_env import ParallelPettingZooEnv
from ray.tune.registry import register_env


def make_env(config: dict) -> ParallelPettingZooEnv:
    # ParallelPettingZooEnv takes its spaces from the agents live after a first reset: right for
    # Two-Way, whose four agents all start at once.
    return ParallelPettingZooEnv(
        roadgym.parallel_env(config.get("scenario", "roadgym/paper-two_way"), observation={"vector": True}, reward="paper")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="roadgym/paper-two_way")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--env-runners", type=int, default=2, help="RLlib env runners (0: sample in the driver)")
    parser.add_argument("--batch", type=int, default=4000, help="train_batch_size_per_learner")
    parser.add_argument("--minibatch", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()

    register_env("roadgym-ppo", make_env)
    config = (
        PPOConfig()
        .environment("roadgym-ppo", env_config={"scenario": args.scenario})
        .framework("torch")
        .env_runners(
            num_env_runners=args.env_runners,
            env_to_module_connector=lambda env, spaces=None, device=None: FlattenObservations(multi_agent=True),
        )
        .multi_agent(policies={"shared"}, policy_mapping_fn=lambda agent_id, *args, **kwargs: "shared")
        .training(
            lr=3e-4,
            gamma=0.99,
            train_batch_size_per_learner=args.batch,
            minibatch_size=min(args.minibatch, args.batch),
            num_epochs=args.epochs,
        )
    )
    algo = config.build_algo()
    try:
        for i in range(args.iterations):
            t0 = time.perf_counter()
            result = algo.train()
            runners = result.get("env_runners", {})
            print(
                f"iteration {i + 1}: episode_return_mean {runners.get('episode_return_mean')}, "
                f"env steps sampled {result.get('num_env_steps_sampled_lifetime')}, "
                f"{time.perf_counter() - t0:.1f} s",
                flush=True,
            )
    finally:
        algo.stop()


if __name__ == "__main__":
    main()
