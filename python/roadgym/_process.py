"""The simulator child process: finding it, starting it, framing requests, and ending it.

The simulator is the roadgym npm package's ``dist/bridge/main.js`` run by Node.js. It is looked
for, in order, at ``ROADGYM_NODE_ENTRY`` (that file, or a roadgym package folder), in the
current folder and its parents (a roadgym checkout, or ``node_modules/roadgym``), and behind the
``roadgym`` command on the PATH. ``ROADGYM_NODE`` names the Node.js executable (default: ``node``
on the PATH).

Requests and replies travel over two pipes passed to the child as file descriptors, so the
child's stdout and stderr stay free: both go to a temporary file whose tail is quoted when the
child dies. The child exits when its request pipe closes, so it never outlives this process;
``close()``, garbage collection and interpreter exit all close the pipe and reap the child.

Every request has a timeout (:data:`DEFAULT_TIMEOUT_S` unless the environment says otherwise): a
child that does not answer in time is killed with its process group and
:class:`~roadgym.errors.SimulatorTimeoutError` raised; a child that exits while a request waits is
noticed at once through a pidfd polled beside the reply pipe.
"""

from __future__ import annotations

import json
import math
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import weakref
from pathlib import Path
from typing import Any, BinaryIO

from . import _protocol as P
from .errors import (
    ActionError,
    Diagnostic,
    OptionError,
    RoadgymError,
    ScenarioError,
    SimulatorError,
    SimulatorNotFoundError,
    SimulatorTimeoutError,
)

_ENTRY_IN_PACKAGE = Path("dist") / "bridge" / "main.js"

#: Seconds a request may take before its simulator counts as hung (``timeout=`` changes it).
DEFAULT_TIMEOUT_S = 60.0

#: The child gets its own process group (Python ≥ 3.11): Ctrl-C reaches Python only (which then
#: ends the simulator cleanly), and a hung simulator is killed with whatever it started. Not its own
#: session: the scheduler shares the CPU between sessions (autogroups), which slows the ping-pong.
_OWN_PROCESS_GROUP: dict[str, Any] = {"process_group": 0} if sys.version_info >= (3, 11) else {}

#: Node.js flags of the simulator. ``--single-threaded-gc``: a served simulator alternates with its
#: client, so V8's background GC threads (parallel scavenges, concurrent marking) only add threads
#: to wake and to synchronise with; on the shared 2-core machine it cut the simulator's CPU per
#: step by 8-17 % (all threads; docs/performance-log.md, 2026-12-08).
NODE_FLAGS = ("--single-threaded-gc",)

#: Without a pidfd, how often (ms) a waiting request checks that the child still runs.
_POLL_SLICE_MS = 200

_HOW_TO_INSTALL = (
    "install the simulator with `npm install roadgym` (in this folder, or `npm install -g roadgym`), "
    "or build a roadgym checkout (`npm install` in it) and set ROADGYM_NODE_ENTRY to its folder"
)


def _is_roadgym_package(folder: Path) -> bool:
    try:
        return json.loads((folder / "package.json").read_text(encoding="utf8")).get("name") == "roadgym"
    except (OSError, ValueError):
        return False


def _entry_in(folder: Path, source: str) -> Path:
    entry = folder / _ENTRY_IN_PACKAGE
    if not entry.is_file():
        raise SimulatorNotFoundError(
            f"roadgym: the roadgym package at {folder} (found {source}) has no {_ENTRY_IN_PACKAGE}: "
            f"run `npm run build` in {folder}"
        )
    return entry


def find_simulator() -> Path:
    """The simulator's entry script (see the module comment for where it is looked for).

    Raises:
        SimulatorNotFoundError: saying what to install or set.
    """
    configured = os.environ.get("ROADGYM_NODE_ENTRY")
    if configured:
        path = Path(configured).expanduser().resolve()
        if path.is_file():
            return path
        if path.is_dir():
            return _entry_in(path, "through ROADGYM_NODE_ENTRY")
        raise SimulatorNotFoundError(f"roadgym: ROADGYM_NODE_ENTRY={configured} is neither a file nor a folder")
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if _is_roadgym_package(folder):
            return _entry_in(folder, "above the current folder")
        installed = folder / "node_modules" / "roadgym"
        if _is_roadgym_package(installed):
            return _entry_in(installed, "in node_modules")
    command = shutil.which("roadgym")
    if command:
        # The npm bin links to <package>/dist/cli/main.js.
        package = Path(command).resolve().parent.parent.parent
        if _is_roadgym_package(package):
            return _entry_in(package, f"behind {command}")
    raise SimulatorNotFoundError(
        "roadgym: cannot find the roadgym simulator (the npm package): "
        "not at ROADGYM_NODE_ENTRY, not in the current folder or its parents, and no `roadgym` command on the PATH; "
        + _HOW_TO_INSTALL
    )


def find_node() -> str:
    """The Node.js executable (``ROADGYM_NODE``, else ``node`` on the PATH)."""
    configured = os.environ.get("ROADGYM_NODE")
    if configured:
        return configured
    node = shutil.which("node")
    if node is None:
        raise SimulatorNotFoundError(
            "roadgym: Node.js (`node`, version 20.19 or later) is not on the PATH; install it, or set ROADGYM_NODE"
        )
    return node


def _kill_group(proc: subprocess.Popen) -> None:
    """Kills the child and whatever it started (its process group: SUMO, say). Called before the
    child is reaped, so its pid (the group's id) cannot have been reused."""
    try:
        if _OWN_PROCESS_GROUP:
            os.killpg(proc.pid, signal.SIGKILL)
        elif proc.returncode is None:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass


def _shutdown(proc: subprocess.Popen, fds: tuple[int, ...], log: BinaryIO) -> None:
    """Closes the pipes (the child exits at end of input) and reaps the child; kills it if it lingers."""
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.wait()
    log.close()


def check_timeout(timeout: float | None) -> float | None:
    """``timeout`` validated: None (no limit) or a positive number of seconds.

    Raises:
        ValueError: for anything else.
    """
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < math.inf:
        raise ValueError(f"roadgym: timeout must be a positive number of seconds or None, got {timeout!r}")
    return float(timeout)


class SimulatorProcess:
    """One simulator child process and its two pipes; ``request`` sends a frame and reads the reply.

    Every request must be answered within ``timeout`` seconds (None: no limit); a simulator that
    does not answer in time is killed and :class:`SimulatorTimeoutError` raised. A simulator that
    dies is noticed at once, even while a request is waiting (a pidfd is polled beside the reply
    pipe, so a grandchild that inherited the pipe cannot hide the death), and
    :class:`SimulatorError` says how it ended and what it printed last.
    """

    def __init__(
        self,
        entry: str | os.PathLike | None = None,
        node: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT_S,
    ):
        self.timeout = check_timeout(timeout)
        self.entry = Path(entry) if entry is not None else find_simulator()
        node = node or find_node()
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        log = tempfile.TemporaryFile(prefix="roadgym-simulator-")
        try:
            proc = subprocess.Popen(
                [node, *NODE_FLAGS, str(self.entry), "--fd-in", str(request_read), "--fd-out", str(reply_write)],
                pass_fds=(request_read, reply_write),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                **_OWN_PROCESS_GROUP,
            )
        except OSError as e:
            for fd in (request_read, request_write, reply_read, reply_write):
                os.close(fd)
            log.close()
            raise SimulatorNotFoundError(f"roadgym: cannot start {node} {self.entry}: {e}") from e
        os.close(request_read)
        os.close(reply_write)
        self.pid = proc.pid
        self._proc = proc
        self._log = log
        self._out = request_write
        self._in = reply_read
        # Writes never block: a simulator that stopped reading must not hang a request past its timeout.
        os.set_blocking(request_write, False)
        # Nor do reads: a reply that is already there is taken without a poll first (see receive).
        os.set_blocking(reply_read, False)
        try:
            self._pidfd: int | None = os.pidfd_open(proc.pid)
        except (AttributeError, OSError):
            self._pidfd = None  # not Linux ≥ 5.3: the child is checked between poll slices instead
        self._readable = select.poll()
        self._readable.register(reply_read, select.POLLIN)
        self._writable = select.poll()
        self._writable.register(request_write, select.POLLOUT)
        if self._pidfd is not None:
            self._readable.register(self._pidfd, select.POLLIN)
            self._writable.register(self._pidfd, select.POLLIN)
        fds = (request_write, reply_read) + (() if self._pidfd is None else (self._pidfd,))
        # Replies are read into this buffer, as much as the pipe holds per read: [start, end) unread.
        self._buffer = bytearray(1 << 16)
        self._start = 0
        self._end = 0
        self._finalizer = weakref.finalize(self, _shutdown, proc, fds, log)

    @property
    def open(self) -> bool:
        """Whether the pipes are open (the child may have died since)."""
        return self._finalizer.alive

    @property
    def alive(self) -> bool:
        """Whether the child is running and its pipes are open."""
        return self._finalizer.alive and self._running()

    def _running(self) -> bool:
        """Whether the child has not exited (an exited one is left unreaped, see :meth:`_died`)."""
        if self._proc.returncode is not None:
            return False
        if not hasattr(os, "waitid"):
            return self._proc.poll() is None
        try:
            return os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
        except ChildProcessError:
            return False

    def send(self, msg_type: int, body: bytes = b"", what: str = "sending a request") -> None:
        """Writes one request frame (within the timeout)."""
        if not self._finalizer.alive:
            raise SimulatorError("roadgym: the environment is closed")
        frame = memoryview(struct.pack("<IB", len(body) + 1, msg_type) + body)
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        done = False
        try:
            while frame:
                try:
                    frame = frame[os.write(self._out, frame) :]
                except BlockingIOError:
                    self._wait(self._writable, self._out, deadline, what)
                except BrokenPipeError:
                    raise self._died(what) from None
            done = True
        finally:
            if not done:
                self._abandon()

    def receive(self, what: str, ready: bool = False) -> tuple[int, bytearray]:
        """Reads one reply frame (within the timeout): its type and its body (a fresh, writable buffer).

        ``ready``: the reply is probably there already (a vector env reading its second simulator's
        reply after the first one's), so a read is tried before waiting: one system call fewer.
        """
        if not self._finalizer.alive:
            raise SimulatorError("roadgym: the environment is closed")
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        done = False
        try:
            self._fill(5, deadline, what, ready)
            length, msg_type = struct.unpack_from("<IB", self._buffer, self._start)
            self._fill(4 + length, deadline, what)
            at = self._start
            body = self._buffer[at + 5 : at + 4 + length]
            self._start = at + 4 + length
            done = True
        finally:
            # Interrupted mid-reply (Ctrl-C): the rest of the reply would be read as the next one.
            if not done:
                self._abandon()
        if msg_type == P.MSG_ERROR:
            raise _error_from(json.loads(body.decode("utf8")), what)
        return msg_type, body

    def request(self, msg_type: int, body: bytes, what: str) -> bytearray:
        """Sends a request and returns the body of its reply."""
        self.send(msg_type, body, what)
        reply_type, reply = self.receive(what)
        if reply_type != msg_type | P.MSG_REPLY:
            raise SimulatorError(f"roadgym: {what}: the simulator answered message 0x{reply_type:02x}")
        return reply

    def request_json(self, msg_type: int, value: Any, what: str) -> Any:
        """A JSON request and its JSON reply."""
        return json.loads(self.request(msg_type, json.dumps(value).encode("utf8"), what).decode("utf8"))

    def close(self, polite: bool = True) -> None:
        """Ends the child: asks it to close its environment (sinks flushed) first when ``polite``."""
        if not self._finalizer.alive:
            return
        if polite and self._running():
            try:
                self.request(P.MSG_CLOSE, b"", "closing the environment")
            except RoadgymError:
                pass
        else:
            _kill_group(self._proc)
        if self._finalizer.alive:
            self._finalizer()

    def output_tail(self, lines: int = 20) -> str:
        """The last lines the child printed."""
        try:
            self._log.flush()
            self._log.seek(0)
            text = self._log.read().decode("utf8", errors="replace")
        except (OSError, ValueError):
            return ""
        return "\n".join(text.rstrip().splitlines()[-lines:])

    def _fill(self, n: int, deadline: float | None, what: str, ready: bool = False) -> None:
        """Reads until at least ``n`` unread bytes are buffered (``ready``: read before the first wait)."""
        if self._end - self._start >= n:
            return
        unread = self._end - self._start
        if self._start > 0:
            self._buffer[:unread] = self._buffer[self._start : self._end]
            self._start, self._end = 0, unread
        if n > len(self._buffer):
            bigger = bytearray(max(n, 2 * len(self._buffer)))
            bigger[:unread] = self._buffer[:unread]
            self._buffer = bigger
        while self._end < n:
            if ready:
                ready = False
            else:
                self._wait(self._readable, self._in, deadline, what)
            try:
                got = os.readv(self._in, [memoryview(self._buffer)[self._end :]])
            except BlockingIOError:
                continue  # nothing yet (tried before waiting)
            if got == 0:
                raise self._died(what)
            self._end += got

    def _wait(self, poller: select.poll, fd: int, deadline: float | None, what: str) -> None:
        """Waits until ``fd`` is ready, the child exits, or the deadline passes."""
        while True:
            if deadline is None:
                ms = -1
            else:
                ms = max(0, math.ceil((deadline - time.monotonic()) * 1000))
            if self._pidfd is None:
                ms = _POLL_SLICE_MS if ms < 0 else min(ms, _POLL_SLICE_MS)
            ready = poller.poll(ms)
            if any(f == fd for f, _ in ready):
                return  # data, room, or the pipe's end (the read or write then says which)
            if ready or (self._pidfd is None and not self._running()):
                raise self._died(what)
            if deadline is not None and time.monotonic() >= deadline:
                raise self._timed_out(what)

    def _abandon(self) -> None:
        """Kills the child after a request failed half-way (its replies can no longer be paired)."""
        if self._finalizer.alive:
            _kill_group(self._proc)
            self._finalizer()

    def _where(self) -> str:
        return f"the simulator process (pid {self.pid}, {self.entry})"

    def _tail(self) -> str:
        tail = self.output_tail()
        return f"; its last output:\n{tail}" if tail else ""

    def _died(self, what: str) -> SimulatorError:
        """The error for a child that stopped answering (reaped here, with whatever it started)."""
        self._await_exit(5)
        # Before reaping: the group's id is the child's pid, reserved until then.
        _kill_group(self._proc)
        code = self._proc.wait()
        how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
        tail = self._tail()
        self._finalizer()
        return SimulatorError(f"roadgym: {self._where()} {how} while {what}{tail}")

    def _await_exit(self, seconds: float) -> None:
        """Waits up to ``seconds`` for the child to exit, without reaping it."""
        if not hasattr(os, "waitid"):
            try:
                self._proc.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                pass
            return
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                    return
            except ChildProcessError:
                return  # already reaped
            time.sleep(0.01)

    def _timed_out(self, what: str) -> SimulatorTimeoutError:
        """The error for a child that did not answer in time (killed and reaped here)."""
        _kill_group(self._proc)
        self._proc.wait()
        tail = self._tail()
        self._finalizer()
        return SimulatorTimeoutError(
            f"roadgym: {self._where()} did not answer within {self.timeout:g} s while {what}, so it was stopped "
            f"(a hung simulator; for requests that take longer, pass a larger timeout, or timeout=None){tail}"
        )


def _error_from(reply: dict, what: str) -> RoadgymError:
    """The Python exception of an error reply."""
    kind = reply.get("kind", "Error")
    message = reply.get("message", "")
    if kind == "ScenarioError":
        diagnostics = [Diagnostic(**d) for d in reply.get("diagnostics", [])]
        return ScenarioError(message, diagnostics)
    if kind == "ActionError":
        return ActionError(message)
    if kind == "OptionError":
        return OptionError(f"roadgym: {message}")
    if kind == "SuiteError":
        return RoadgymError(message)
    return SimulatorError(f"roadgym: {what}: {message}")
