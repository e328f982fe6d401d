"""Failures raise Python exceptions naming what and where; no simulator process outlives its
environment (close, garbage collection, interpreter exit); reset after a failure works."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest
from conftest import REPO, process_gone

import roadgym
from roadgym.errors import ActionError, OptionError, ScenarioError, SimulatorError, SimulatorNotFoundError


def wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process_gone(pid):
            return True
        time.sleep(0.05)
    return False


def test_a_scenario_that_does_not_compile_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.scn"
    bad.write_text(
        'scenario "bad" {\n'
        "  map straight { lanes 2  length 100 m }\n"
        "  agent a { mission main:0@5 -> main:0@90  action lanex }\n"
        "}\n"
    )
    with pytest.raises(ScenarioError) as caught:
        roadgym.parallel_env(bad)
    e = caught.value
    assert f'{bad}:3:51: error: unknown action space "lanex"' in str(e)
    assert [(d.file, d.line, d.column, d.severity) for d in e.diagnostics] == [(str(bad), 3, 51, "error")]
    with pytest.raises(ScenarioError, match=r"missing\.scn:1:1: error: cannot read scenario file"):
        roadgym.env(tmp_path / "missing.scn")
    with pytest.raises(ScenarioError, match=r'no environment named "roadgym/nope"; registered: .*roadgym/merge'):
        roadgym.env("roadgym/nope")


def test_bad_options_are_named():
    with pytest.raises(OptionError, match=r"options\.traffic"):
        roadgym.parallel_env("roadgym/merge", traffic="trains")
    with pytest.raises(OptionError, match=r"options\.observation\.neighbors: not an observation part"):
        roadgym.parallel_env("roadgym/merge", observation={"neighbors": True})
    with pytest.raises(TypeError, match=r"unknown option\(s\) trafic"):
        roadgym.parallel_env("roadgym/merge", trafic="local")


def test_bad_actions_name_the_agent_and_field_and_move_nothing():
    env = roadgym.env("roadgym/merge", observation={"vector": True})
    try:
        obs, info = env.reset(seed=3)
        tick = info["tick"]
        with pytest.raises(ActionError, match=r'agent "ego": action must be one of "keep_lane"'):
            env.step(7)
        with pytest.raises(ActionError, match=r'agent "ego": action must be an integer index, got 0\.5'):
            env.step(0.5)
        with pytest.raises(ActionError, match=r'agent "ego": action must be an integer index'):
            env.step("fly")
        obs2, reward, terminated, truncated, info2 = env.step(0)
        assert info2["tick"] == tick + 1, "the failed steps moved nothing"
    finally:
        env.close()
    cont = roadgym.parallel_env("roadgym/paper-two_way")
    try:
        cont.reset(seed=1)
        live = list(cont.agents)
        with pytest.raises(ActionError, match=r'agent "agent1": no action given'):
            cont.step({a: 0 for a in live[1:]})
        with pytest.raises(ActionError, match=r'agent "ghost": no such agent'):
            cont.step({**{a: 0 for a in live}, "ghost": 0})
        cont.step({a: 0 for a in live})
    finally:
        cont.close()


def test_bad_box_actions():
    env = roadgym.parallel_env("roadgym/bubble-learners")
    try:
        env.reset(seed=0)
        for _ in range(400):
            learners = [a for a in env.agents if a.startswith("learn-")]
            if learners:
                break
            env.step({a: 0 for a in env.agents})
        assert learners
        base = {a: 0 for a in env.agents if a == "ego"}
        others = {a: np.array([10.0, 0.0]) for a in env.agents if a != "ego"}
        learner = learners[0]
        with pytest.raises(ActionError, match=rf'agent "{learner}": action\.targetSpeedMps = -5 is outside'):
            env.step({**base, **others, learner: np.array([-5.0, 0.0])})
        with pytest.raises(
            ActionError, match=rf'agent "{learner}": action\.targetSpeedMps must be a finite number, got NaN'
        ):
            env.step({**base, **others, learner: np.array([np.nan, 0.0])})
        with pytest.raises(ActionError, match=rf'agent "{learner}": action must have 2 elements, got 3'):
            env.step({**base, **others, learner: np.zeros(3)})
        env.step({**base, **others})
    finally:
        env.close()


def test_a_simulator_that_dies_raises_and_reset_starts_a_new_one():
    env = roadgym.env("roadgym/merge")
    try:
        env.reset(seed=1)
        env.step(0)
        pid = env.simulator_pid
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(
            SimulatorError, match=rf"simulator process \(pid {pid}, .*\) was killed by signal 9 while stepping"
        ):
            env.step(0)
        assert wait_gone(pid)
        with pytest.raises(SimulatorError, match=r"not running .* reset\(\) starts a new one"):
            env.step(0)
        obs, info = env.reset(seed=1)
        assert env.simulator_pid not in (None, pid)
        assert info["tick"] >= 0
        env.step(0)
    finally:
        env.close()


def test_no_simulator_outlives_close_or_garbage_collection():
    env = roadgym.parallel_env("roadgym/merge")
    env.reset(seed=0)
    pid = env.simulator_pid
    env.close()
    assert wait_gone(pid)
    env.close()  # closing twice is fine

    env = roadgym.env("roadgym/merge")
    pid = env.simulator_pid
    del env
    gc.collect()
    assert wait_gone(pid)

    vec = roadgym.vector_env("roadgym/merge", 2)
    pids = vec.simulator_pids
    vec.close()
    assert all(wait_gone(p) for p in pids)


def test_no_simulator_outlives_the_interpreter():
    script = textwrap.dedent(
        """
        import roadgym
        env = roadgym.parallel_env("roadgym/merge")
        env.reset(seed=0)
        print(env.simulator_pid, flush=True)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert wait_gone(int(done.stdout.strip()))
    # Killed outright, the interpreter runs no clean-up: the simulator sees its pipe close and exits.
    proc = subprocess.Popen(
        [sys.executable, "-c", script + "import time; time.sleep(60)"], stdout=subprocess.PIPE, text=True
    )
    pid = int(proc.stdout.readline())
    proc.kill()
    proc.wait()
    assert wait_gone(pid)


def test_missing_simulator_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("ROADGYM_NODE_ENTRY", str(tmp_path / "nowhere"))
    with pytest.raises(SimulatorNotFoundError, match=r"ROADGYM_NODE_ENTRY=.*nowhere is neither a file nor a folder"):
        roadgym.parallel_env("roadgym/merge")
    monkeypatch.delenv("ROADGYM_NODE_ENTRY")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + "/usr/bin:/bin")
    with pytest.raises(SimulatorNotFoundError, match=r"cannot find the roadgym simulator.*npm install roadgym"):
        roadgym.parallel_env("roadgym/merge")
    monkeypatch.setenv("ROADGYM_NODE_ENTRY", str(REPO))
    monkeypatch.setenv("ROADGYM_NODE", str(tmp_path / "no-node"))
    with pytest.raises(SimulatorNotFoundError, match=r"cannot start .*no-node"):
        roadgym.parallel_env("roadgym/merge")
