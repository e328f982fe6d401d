"""Shared set-up of the Python tests: they run against this checkout's built simulator
(``dist/bridge/main.js``; ``npm run build`` makes it), unless ROADGYM_NODE_ENTRY names another."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "scenarios"

os.environ.setdefault("ROADGYM_NODE_ENTRY", str(REPO))

if (
    not (Path(os.environ["ROADGYM_NODE_ENTRY"]) / "dist" / "bridge" / "main.js").is_file()
    and Path(os.environ["ROADGYM_NODE_ENTRY"]).is_dir()
):
    raise pytest.UsageError(f"the simulator is not built: run `npm run build` in {REPO}")


def example_scenarios() -> list[Path]:
    """Every example scenario, sorted."""
    return sorted(SCENARIOS.glob("*.scn"))


def process_gone(pid: int) -> bool:
    """Whether simulator process ``pid`` is gone: no such process, or (the pid reused) one that is
    neither a zombie nor a simulator."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return True
    return state != "Z" and b"bridge/main.js" not in cmdline
