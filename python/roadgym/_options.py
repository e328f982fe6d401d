"""makeEnv's options from Python keyword arguments (snake_case) to the simulator's JSON (camelCase).

Unknown keywords are errors here, naming the accepted ones; bad values are the simulator's to
report (it names the option and what is wrong with it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: Accepted keyword arguments, with what each sets (docs/python.md).
OPTION_NAMES = (
    "traffic",
    "social_agents",
    "bubbles",
    "observation",
    "reward",
    "clip_actions",
    "agent_done_vehicle",
    "record",
    "trajectories",
    "metrics",
)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


def _camel_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {_camel(k): v for k, v in value.items()}
    return value


def simulator_options(options: dict[str, Any]) -> dict[str, Any]:
    """The ``options`` of a make request.

    Raises:
        TypeError: for a keyword makeEnv has no option for.
    """
    unknown = sorted(set(options) - set(OPTION_NAMES))
    if unknown:
        raise TypeError(f"roadgym: unknown option(s) {', '.join(unknown)}; options are {', '.join(OPTION_NAMES)}")
    out: dict[str, Any] = {}
    for name, value in options.items():
        if value is None:
            continue
        if name == "social_agents":
            value = _camel_keys(value)
        elif name == "trajectories":
            value = _camel_keys(value)
            if isinstance(value, dict) and "path" in value:
                value = {**value, "path": str(Path(os.fspath(value["path"])).resolve())}
        elif name == "record":
            value = str(Path(os.fspath(value)).resolve())
        out[_camel(name)] = value
    return out
