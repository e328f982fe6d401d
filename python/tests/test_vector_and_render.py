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


def test_vector_env_batches_like_gymnasium():
    """The vector env's own batching gives what Gymnasium's ``concatenate`` and ``_add_info`` give."""
    vec = roadgym.vector_env("roadgym/merge", 3, agent_id="ego")
    try:
        vec.reset(seed=2)
        for _ in range(30):
            vec.step(np.zeros(3, dtype=np.int64))
        singles = [d.client.step({"ego": 0}) for d in vec._drivers]
        observations = [s.observations["ego"] for s in singles]
        infos = [s.infos["ego"] for s in singles]
        infos[1]["extra"] = {"only": 1}  # keys that differ: Gymnasium's way
        space = vec.single_observation_space
        expected = gymnasium.vector.utils.concatenate(
            space, observations, gymnasium.vector.utils.create_empty_array(space, 3)
        )
        got = vec._stack(observations)
        assert_same_tree(got, expected)
        for batch in (infos, [infos[0], infos[2], infos[0]]):
            want: dict = {}
            for i, info in enumerate(batch):
                want = vec._add_info(want, info, i)
            assert_same_tree(vec._batch_infos(batch), want)
    finally:
        vec.close()


def test_vector_env_batches_replies_as_it_batches_dicts():
    """The vector env's step batches straight from the replies' bytes and records; that gives what
    batching the decoded observations and info dicts gives (the path the test above checks)."""
    vec = roadgym.vector_env("roadgym/merge", 3, agent_id="ego")
    try:
        vec.reset(seed=4)
        for k in range(40):
            for d in vec._drivers:
                d.send_step(k % 2)
            replies = [d.finish_step_reply() for d in vec._drivers]
            observations = [d.client.observation(r, i) for d, (r, i) in zip(vec._drivers, replies)]
            infos = [d.client.info(r.tick, r.records[i]) for d, (r, i) in zip(vec._drivers, replies)]
            assert_same_tree(vec._batch_observations(replies), vec._stack(observations))
            assert_same_tree(vec._reply_infos(replies), vec._batch_infos(infos))
        # Route figures the simulator does not know (NaN on the wire, None in the info dicts).
        assert vec_known_floats((float("nan"), 2.0)).tolist() == [None, 2.0]
        assert np.isnan(vec_known_floats((1.0, float("nan")))[1])
    finally:
        vec.close()


def vec_known_floats(values):
    from roadgym.vector import _batch_same_keys, _known_floats

    got = _known_floats(values)
    infos = [{"x": None if np.isnan(v) else v} for v in values]
    want = _batch_same_keys(infos, np.ones(len(values), bool))
    assert_same_tree(got, want["x"])
    return got


def assert_same_tree(got, want):
    if isinstance(want, dict):
        assert list(got) == list(want)
        for k in want:
            assert_same_tree(got[k], want[k])
        return
    assert isinstance(got, np.ndarray) and got.dtype == want.dtype and got.shape == want.shape, (got, want)
    assert got.flags.c_contiguous and got.flags.writeable
    if got.dtype == object:
        assert list(got) == list(want)
    else:
        assert np.array_equal(got, want, equal_nan=True)
