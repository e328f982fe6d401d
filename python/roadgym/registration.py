"""Named environments for ``gymnasium.make``: every example scenario of the roadgym npm package
(``scenarios/<name>.scn``) is registered as ``roadgym/<name>`` when this package is imported and
the simulator can be found (otherwise nothing is registered, and :func:`roadgym.env` says what to
install)."""

from __future__ import annotations

from pathlib import Path

import gymnasium

from ._process import find_simulator
from .errors import SimulatorNotFoundError


def scenario_names() -> list[str]:
    """The registered names (``roadgym/<name>``) of the simulator's example scenarios, sorted.

    Raises:
        SimulatorNotFoundError: when the simulator cannot be found.
    """
    # <package>/dist/bridge/main.js → <package>/scenarios
    folder = find_simulator().resolve().parent.parent.parent / "scenarios"
    return sorted(f"roadgym/{p.stem}" for p in Path(folder).glob("*.scn"))


def register_scenarios() -> list[str]:
    """Registers every example scenario with Gymnasium (idempotent); returns the names."""
    try:
        names = scenario_names()
    except SimulatorNotFoundError:
        return []
    for name in names:
        if name not in gymnasium.registry:
            gymnasium.register(id=name, entry_point="roadgym.single:RoadgymEnv", kwargs={"scenario": name})
    return names
