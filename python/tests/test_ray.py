"""Ray on a local 2-CPU cluster (one cluster start for the module: it is slow): a small benchmark
suite gives files byte for byte those of `roadgym benchmark`, and rollout actors own simulators and
give what the same worker gives in this process."""

from __future__ import annotations

import json
import os
import subprocess

import numpy as np
import pytest
from conftest import REPO, process_gone

if os.environ.get("CI"):
    import ray  # CI installs Ray: a missing one fails here rather than skipping
else:
    ray = pytest.importorskip("ray")

import roadgym.ray as rray


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_benchmark_suite_on_ray_matches_roadgym_benchmark(cluster, tmp_path):
    suite = tmp_path / "suite.json"
    suite.write_text(
        json.dumps(
            {
                "name": "ray-small",
                "scenarios": [
                    {"id": "merge", "file": str(REPO / "scenarios/merge.scn")},
                    {"id": "two_way", "file": str(REPO / "scenarios/paper-two_way.scn")},
                ],
                "policies": [{"name": "keep-lane", "locator": "keep-lane@v0", "options": {"action": "lane"}}],
                "seeds": [0, 1],
                "episodes": 1,
                "maxSteps": 80,
            }
        )
    )
    single = tmp_path / "single"
    subprocess.run(
        [
            "node",
            str(REPO / "dist/cli/main.js"),
            "benchmark",
            str(suite),
            "--out",
            str(single),
            "--workers",
            "1",
            "--quiet",
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    report = rray.run_benchmark(suite, out=tmp_path / "ray")
    assert report["episodes"] == 4 and report["agentEpisodes"] == 1 * 2 + 4 * 2
    assert report["table"][0] == "| Policy | merge | two_way |"
    ours = sorted(p.relative_to(tmp_path / "ray") for p in (tmp_path / "ray").rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(single) for p in single.rglob("*") if p.is_file())
    assert ours == theirs and len(ours) > 5
    for name in ours:
        assert (tmp_path / "ray" / name).read_bytes() == (single / name).read_bytes(), name


def test_rollout_actors_own_simulators(cluster):
    segments = rray.collect_rollouts("roadgym/paper-two_way", num_workers=2, steps=60, seed=3)
    assert {s["worker"] for s in segments} == {0, 1}
    for s in segments:
        n = len(s["actions"])
        assert len(s["observations"]) == n and s["rewards"].shape == (n,) and s["terminations"].dtype == bool
    # The actor's rollouts are the ones the same worker gives in this process.
    local = rray.RolloutWorker("roadgym/paper-two_way", seed=3 + 10**6)
    try:
        expected = local.sample(60)
    finally:
        local.close()
    remote = [s for s in segments if s["worker"] == 1]
    assert [(s["env"], s["episode"], s["agent"]) for s in remote] == [
        (s["env"], s["episode"], s["agent"]) for s in expected
    ]
    for got, want in zip(remote, expected):
        assert np.array_equal(got["rewards"], want["rewards"])
        assert [int(a) for a in got["actions"]] == [int(a) for a in want["actions"]]
    # Closed actors leave no simulator behind.
    actor = rray.RolloutActor.remote("roadgym/merge")
    pids = ray.get(actor.simulator_pids.remote())
    ray.get(actor.close.remote())
    ray.kill(actor)
    assert all(process_gone(p) for p in pids)
