// After tsc: make the CLI entry executable so the `roadgym` bin runs directly.
import { chmodSync } from "node:fs";

chmodSync(new URL("../dist/cli/main.js", import.meta.url), 0o755);
