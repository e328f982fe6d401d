"""The wire protocol with the simulator process; mirrors ``bridge/protocol.ts`` (the reference).

Frames are a little-endian ``u32`` payload length and the payload; the payload's first byte is
the message type. Once-per-environment and once-per-episode messages carry JSON; steps are
binary (see ``bridge/protocol.ts`` for the byte layout this module decodes).
"""

from __future__ import annotations

import struct

import numpy as np

PROTOCOL_VERSION = 1

MSG_MAKE = 0x01
MSG_RESET = 0x02
MSG_STEP = 0x03
MSG_RENDER = 0x04
MSG_CLOSE = 0x05
MSG_BENCHMARK_PLAN = 0x10
MSG_BENCHMARK_EPISODE = 0x11
MSG_BENCHMARK_REPORT = 0x12
MSG_REPLY = 0x80
MSG_ERROR = 0xFF

STEP_HEADER_BYTES = 12
AGENT_RECORD_BYTES = 56
FLAG_TERMINATED = 1
FLAG_TRUNCATED = 2
EVENT_BITS = (
    "collision",
    "offRoad",
    "onShoulder",
    "offRoute",
    "wrongWay",
    "notMoving",
    "reachedGoal",
    "reachedMaxSteps",
)

#: One agent record of a step reply.
AGENT_RECORD = np.dtype(
    [
        ("reward", "<f8"),
        ("routePositionM", "<f8"),
        ("routeLengthM", "<f8"),
        ("speedMps", "<f8"),
        ("lane", "<u4"),
        ("road", "<u4"),
        ("reasons", "<u4"),
        ("via", "<u4"),
        ("agent", "<u2"),
        ("flags", "u1"),
        ("events", "u1"),
        ("pad", "<u4"),
    ]
)
assert AGENT_RECORD.itemsize == AGENT_RECORD_BYTES

#: The step reply's header: tick, reported, live, new strings, episode over.
STEP_HEADER = struct.Struct("<IHHHBx")
#: :data:`AGENT_RECORD` for ``struct`` (faster than NumPy for a few records).
AGENT_RECORD_STRUCT = struct.Struct("<4d4IHBB4x")
assert STEP_HEADER.size == STEP_HEADER_BYTES and AGENT_RECORD_STRUCT.size == AGENT_RECORD_BYTES
#: Positions in an :data:`AGENT_RECORD_STRUCT` tuple.
RECORD_REWARD, RECORD_POSITION, RECORD_LENGTH, RECORD_SPEED = 0, 1, 2, 3
RECORD_LANE, RECORD_ROAD, RECORD_REASONS, RECORD_VIA = 4, 5, 6, 7
RECORD_AGENT, RECORD_FLAGS, RECORD_EVENTS = 8, 9, 10


def align(n: int, to: int) -> int:
    """``n`` rounded up to a multiple of ``to`` (a power of two)."""
    return (n + to - 1) & ~(to - 1)
