"""The vector env (several simulator processes) and render()."""

from __future__ import annotations

import gymnasium
import numpy as np

import roadgym


def test_vector_env_matches_single_envs_and_autoresets():
    n = 2
    vec = roadgym.vector_env("roadgym/merge", n, observation={"vector": True}, agent_id="ego")
    singles = [roadgym.env("roadgym/merge", observation={"vector": True}) for _ in range(n)]
    try:
        assert vec.single_observation_space == singles[0].observation_space
        assert vec.action_space == gymnasium.vector.utils.batch_space(singles[0].action_space, n)
        obs, infos = vec.reset(seed=5)
        for i, s in enumerate(singles):
            o, _ = s.reset(seed=5 + i)
            assert np.array_equal(obs["vector"][i], o["vector"])
        assert obs["vector"].shape == (n, singles[0].observation_space["vector"].shape[0])
        assert infos["tick"].shape == (n,) and infos["_tick"].all()
        ended = np.zeros(n, dtype=bool)
        for k in range(400):
            actions = np.array([k % 2, 0])  # env 0 alternates keep_lane / slow_down
            obs, rewards, terminations, truncations, infos = vec.step(actions)
            for i, s in enumerate(singles):
                if ended[i]:
                    continue
                o, r, term, trunc, _ = s.step(int(actions[i]))
                assert np.array_equal(obs["vector"][i], o["vector"]), (k, i)
                assert rewards[i] == r and terminations[i] == term and truncations[i] == trunc
                ended[i] = term or trunc
            if ended.any():
                break
        assert ended.any(), "an episode ended within 400 steps"
        done = np.flatnonzero(ended)
        # Next-step autoreset: the ended sub-env restarts, reward 0, not terminated.
        obs, rewards, terminations, truncations, infos = vec.step(np.zeros(n, dtype=np.int64))
        assert rewards[done].tolist() == [0.0] * len(done)
        assert not terminations[done].any() and not truncations[done].any()
        assert (infos["tick"][done] <= 1).all()
    finally:
        vec.close()
        for s in singles:
            s.close()


def test_render_draws_the_scene_top_down():
    env = roadgym.parallel_env(
        "roadgym/paper-intersection-sv", render_mode="rgb_array", render_options={"width": 200, "height": 160}
    )
    try:
        env.reset(seed=2)
        for _ in range(40):
            env.step({a: 0 for a in env.agents})
        image = env.render()
        assert image.shape == (160, 200, 3) and image.dtype == np.uint8
        colours = {tuple(c) for c in image.reshape(-1, 3).tolist()}
        assert (80, 80, 80) in colours, "road"
        assert (0, 0, 0) in colours, "off-road"
        assert (255, 140, 0) in colours, "learning agents in orange"
        follow = roadgym.parallel_env(
            "roadgym/merge", render_mode="rgb_array", render_options={"follow": "ego", "width": 64, "height": 64}
        )
        follow.reset(seed=1)
        close = follow.render()
        # The followed agent sits in the middle, in the ego colour (crimson).
        assert tuple(close[32, 32]) == (220, 20, 60)
        follow.close()
    finally:
        env.close()
    quiet = roadgym.parallel_env("roadgym/merge")
    try:
        quiet.reset(seed=1)
        assert quiet.render() is None
    finally:
        quiet.close()
