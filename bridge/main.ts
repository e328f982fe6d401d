#!/usr/bin/env node
/**
 * The simulator process the Python package starts (`python/roadgym/_process.py`): it reads request
 * frames from one pipe and writes replies to another (protocol.ts), one request at a time, and
 * exits when the client closes the environment or its end of the pipe (the Python process exited
 * or was killed), so no simulator outlives its client. stdout and stderr stay free for messages.
 *
 * ```sh
 * node dist/bridge/main.js --fd-in 5 --fd-out 8
 * ```
 */
import { BridgeSession } from "./BridgeSession.js";
import { FrameChannel } from "./FrameChannel.js";

const USAGE = `usage: node dist/bridge/main.js --fd-in <n> --fd-out <n>

The roadgym simulator for the Python package (pip install ./python): it serves one environment
over two pipes the Python process passes as file descriptors (length-prefixed binary frames,
bridge/protocol.ts). Not meant to be run by hand; see docs/python.md.
`;

/** The descriptor given after `flag`, or undefined when the flag is absent. */
function fdArg(argv: readonly string[], flag: string): number | undefined {
  const i = argv.indexOf(flag);
  if (i < 0) return undefined;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    process.stderr.write(
      `roadgym bridge: ${flag} needs a file descriptor number, got ${argv[i + 1] ?? "nothing"}\n${USAGE}`,
    );
    process.exit(2);
  }
  return v;
}

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const fdIn = fdArg(argv, "--fd-in");
const fdOut = fdArg(argv, "--fd-out");
if (fdIn === undefined || fdOut === undefined) {
  process.stderr.write(`roadgym bridge: --fd-in and --fd-out are required\n${USAGE}`);
  process.exit(2);
}

const channel = new FrameChannel(fdIn, fdOut);
const session = new BridgeSession();
let code = 0;
try {
  for (;;) {
    const frame = channel.read();
    if (!frame) break;
    const reply = await session.handle(frame);
    channel.write(Uint8Array.of(reply.type), reply.body);
    if (session.closed) break;
  }
} catch (e) {
  // The pipes failed (the client vanished mid-frame): nothing to answer to.
  process.stderr.write(`roadgym bridge: ${e instanceof Error ? e.message : String(e)}\n`);
  code = 1;
}
try {
  await session.close();
} catch (e) {
  process.stderr.write(
    `roadgym bridge: closing the environment failed: ${e instanceof Error ? e.message : String(e)}\n`,
  );
  code = 1;
}
// Worker threads of social agents or a SUMO connection must not keep a client-less process alive.
process.exit(code);
