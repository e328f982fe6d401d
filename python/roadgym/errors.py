"""The exceptions of the roadgym Python package.

Every failure names what and where: a scenario that does not compile carries the compiler's
``file:line:col`` diagnostics, a bad action names the agent and the field, a simulator that died
says how it ended and what it printed last.
"""

from __future__ import annotations

from dataclasses import dataclass


class RoadgymError(Exception):
    """Base class of every roadgym error."""


@dataclass(frozen=True)
class Diagnostic:
    """One compiler diagnostic of a scenario file."""

    file: str
    line: int
    column: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


class ScenarioError(RoadgymError, ValueError):
    """A scenario that does not compile; ``diagnostics`` lists where and why."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None):
        super().__init__(message)
        self.diagnostics: list[Diagnostic] = diagnostics or []


class OptionError(RoadgymError, ValueError):
    """An environment option the simulator refused: names the option and what is wrong."""


class ActionError(RoadgymError, ValueError):
    """An action the environment refused (nothing moved): names the agent and the field."""


class SimulatorError(RoadgymError, RuntimeError):
    """The simulator process failed: it died, or it reported an internal error."""


class SimulatorNotFoundError(RoadgymError, FileNotFoundError):
    """Node.js or the roadgym npm package cannot be found; the message says what to install."""
