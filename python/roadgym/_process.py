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
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import tempfile
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
)

_ENTRY_IN_PACKAGE = Path("dist") / "bridge" / "main.js"

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


def _shutdown(proc: subprocess.Popen, writer: BinaryIO, reader: BinaryIO, log: BinaryIO) -> None:
    """Closes the pipes (the child exits at end of input) and reaps the child; kills it if it lingers."""
    for f in (writer, reader):
        try:
            f.close()
        except OSError:
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


class SimulatorProcess:
    """One simulator child process and its two pipes; ``request`` sends a frame and reads the reply."""

    def __init__(self, entry: str | os.PathLike | None = None, node: str | None = None):
        self.entry = Path(entry) if entry is not None else find_simulator()
        node = node or find_node()
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        log = tempfile.TemporaryFile(prefix="roadgym-simulator-")
        try:
            proc = subprocess.Popen(
                [node, str(self.entry), "--fd-in", str(request_read), "--fd-out", str(reply_write)],
                pass_fds=(request_read, reply_write),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
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
        self._writer = open(request_write, "wb", buffering=1 << 16)
        self._reader = open(reply_read, "rb", buffering=1 << 16)
        self._finalizer = weakref.finalize(self, _shutdown, proc, self._writer, self._reader, log)

    @property
    def open(self) -> bool:
        """Whether the pipes are open (the child may have died since)."""
        return self._finalizer.alive

    @property
    def alive(self) -> bool:
        """Whether the child is running and its pipes are open."""
        return self._finalizer.alive and self._proc.poll() is None

    def send(self, msg_type: int, body: bytes = b"") -> None:
        """Writes one request frame."""
        if not self._finalizer.alive:
            raise SimulatorError("roadgym: the environment is closed")
        try:
            self._writer.write(struct.pack("<IB", len(body) + 1, msg_type))
            self._writer.write(body)
            self._writer.flush()
        except (BrokenPipeError, ValueError) as e:
            raise self._died(f"sending a request ({e})") from None

    def receive(self, what: str) -> tuple[int, bytearray]:
        """Reads one reply frame: its type and its body (a fresh, writable buffer)."""
        head = self._reader.read(5)
        if len(head) < 5:
            raise self._died(what)
        length, msg_type = struct.unpack("<IB", head)
        body = bytearray(length - 1)
        if length > 1 and self._reader.readinto(body) != length - 1:
            raise self._died(what)
        if msg_type == P.MSG_ERROR:
            raise _error_from(json.loads(body.decode("utf8")), what)
        return msg_type, body

    def request(self, msg_type: int, body: bytes, what: str) -> bytearray:
        """Sends a request and returns the body of its reply."""
        self.send(msg_type, body)
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
        if polite and self._proc.poll() is None:
            try:
                self.request(P.MSG_CLOSE, b"", "closing the environment")
            except RoadgymError:
                pass
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

    def _died(self, what: str) -> SimulatorError:
        """The error for a child that stopped answering (reaped here)."""
        try:
            code = self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            code = self._proc.wait()
        how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
        tail = self.output_tail()
        self._finalizer()
        return SimulatorError(
            f"roadgym: the simulator process (pid {self.pid}, {self.entry}) {how} while {what}"
            + (f"; its last output:\n{tail}" if tail else "")
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
