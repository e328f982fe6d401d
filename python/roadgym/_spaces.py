"""Spaces across the bridge: Gymnasium spaces from the simulator's space descriptions, the
decoding of observations from a step reply's bytes, and the encoding of actions.

Mapping: a TypeScript ``Box`` becomes a Gymnasium ``Box`` (float32 or uint8, same shape; an
action box's float32 bounds are rounded inwards, so every sample lies inside the simulator's
double-precision bounds; whole-number elements such as a lane change are rounded by the
simulator), ``Discrete`` (labels kept in ``labels``) a ``Discrete``, ``Dict`` a ``Dict``, and the
trajectory action's bounded ``Sequence`` a :class:`BoundedSequence` of point boxes.
"""

from __future__ import annotations

import struct
from typing import Any

import numpy as np
from gymnasium import spaces

from .errors import ActionError


class BoundedSequence(spaces.Sequence):
    """A Gymnasium ``Sequence`` of ``min_length``…``max_length`` items, stacked into one array."""

    def __init__(self, item: spaces.Space, min_length: int, max_length: int, seed=None):
        super().__init__(item, seed=seed, stack=True)
        self.min_length = min_length
        self.max_length = max_length

    def sample(self, mask=None, probability=None):
        length = int(self.np_random.integers(self.min_length, self.max_length + 1))
        return super().sample(mask=(length, None))

    def contains(self, x) -> bool:
        return self.min_length <= len(x) <= self.max_length and super().contains(x)

    def __repr__(self) -> str:
        return f"BoundedSequence({self.feature_space}, {self.min_length}..{self.max_length})"


def _bounds(values: list, shape: tuple[int, ...]) -> np.ndarray:
    return np.array(
        [np.inf if v == "inf" else -np.inf if v == "-inf" else v for v in values], dtype=np.float64
    ).reshape(shape)


def build_space(desc: dict, action: bool = False) -> spaces.Space:
    """The Gymnasium space of a description (``bridge/spaceLayout.ts``)."""
    kind = desc["kind"]
    if kind == "box":
        shape = tuple(desc["shape"])
        low = _bounds(desc["low"], shape)
        high = _bounds(desc["high"], shape)
        if desc["dtype"] == "uint8":
            return spaces.Box(low.astype(np.uint8), high.astype(np.uint8), shape, dtype=np.uint8)
        low32 = low.astype(np.float32)
        high32 = high.astype(np.float32)
        if action:
            low32 = np.where(low32 < low, np.nextafter(low32, np.float32(np.inf)), low32)
            high32 = np.where(high32 > high, np.nextafter(high32, np.float32(-np.inf)), high32)
        return spaces.Box(low32, high32, shape, dtype=np.float32)
    if kind == "discrete":
        space = spaces.Discrete(desc["n"])
        space.labels = tuple(desc.get("labels", ()))
        return space
    if kind == "dict":
        return spaces.Dict({k: build_space(v, action) for k, v in desc["fields"].items()})
    if kind == "sequence":
        return BoundedSequence(build_space(desc["item"], action), desc["minLength"], desc["maxLength"])
    raise ValueError(f"roadgym: unknown space kind {kind!r}")


class ObservationDecoder:
    """Reads one agent's observation out of a step reply: every Box leaf as a view on the reply."""

    def __init__(self, desc: dict):
        self.leaves: list[tuple[tuple[str, ...], np.dtype, int, int, tuple[int, ...]]] = []
        offset = 0

        def visit(d: dict, path: tuple[str, ...]) -> None:
            nonlocal offset
            if d["kind"] == "box":
                dtype = np.dtype("<f4") if d["dtype"] == "float32" else np.dtype("u1")
                shape = tuple(d["shape"])
                count = int(np.prod(shape, dtype=np.int64))
                self.leaves.append((path, dtype, count, offset, shape))
                offset += (count * dtype.itemsize + 3) & ~3
            elif d["kind"] == "dict":
                for k, sub in d["fields"].items():
                    visit(sub, (*path, k))
            else:
                raise ValueError(f"roadgym: observations must be Box or Dict spaces, got {d['kind']}")

        visit(desc, ())
        self.byte_length = offset
        self.is_dict = desc["kind"] == "dict"

    def decode(self, buf: bytearray, at: int) -> Any:
        """The observation whose bytes start at ``at`` of ``buf``."""
        if not self.is_dict:
            _, dtype, count, offset, shape = self.leaves[0]
            return np.frombuffer(buf, dtype, count, at + offset).reshape(shape)
        out: dict = {}
        for path, dtype, count, offset, shape in self.leaves:
            node = out
            for k in path[:-1]:
                node = node.setdefault(k, {})
            node[path[-1]] = np.frombuffer(buf, dtype, count, at + offset).reshape(shape)
        return out


class ActionEncoder:
    """Writes one agent's actions in the simulator's binary form (``bridge/protocol.ts``)."""

    def __init__(self, agent: str, desc: dict):
        self.agent = agent
        self.kind = desc["kind"]
        if self.kind == "box":
            self.size = int(np.prod(desc["shape"], dtype=np.int64))
        elif self.kind == "sequence":
            if desc["item"]["kind"] != "box":
                raise ValueError(f"roadgym: agent {agent!r}: sequences of {desc['item']['kind']} cannot be sent")
            self.size = int(np.prod(desc["item"]["shape"], dtype=np.int64))
            self.max_length = desc["maxLength"]
        elif self.kind == "discrete":
            self.labels = tuple(desc.get("labels", ()))
        else:
            raise ValueError(f"roadgym: agent {agent!r}: a {self.kind} action space cannot be sent")

    def encode(self, action: Any) -> bytes:
        """The action's bytes.

        Raises:
            ActionError: naming the agent, when the action has the wrong form (ranges are the
                simulator's to check).
        """
        if self.kind == "discrete":
            if isinstance(action, str) and action in self.labels:
                return struct.pack("<i", self.labels.index(action))
            try:
                index = int(action)
            except (TypeError, ValueError):
                raise ActionError(f'agent "{self.agent}": action must be an integer index, got {action!r}') from None
            if index != action or not -(2**31) <= index < 2**31:
                raise ActionError(f'agent "{self.agent}": action must be an integer index, got {action!r}')
            return struct.pack("<i", index)
        try:
            values = np.asarray(action, dtype="<f8")
        except (TypeError, ValueError):
            raise ActionError(f'agent "{self.agent}": action must be an array of numbers, got {action!r}') from None
        if self.kind == "box":
            if values.size != self.size:
                raise ActionError(f'agent "{self.agent}": action must have {self.size} elements, got {values.size}')
            return values.tobytes()
        if values.ndim != 2 or values.shape[1] != self.size:
            raise ActionError(
                f'agent "{self.agent}": a trajectory action must be an array of shape (points, {self.size}), '
                f"got shape {values.shape}"
            )
        return struct.pack("<I", values.shape[0]) + values.tobytes()
