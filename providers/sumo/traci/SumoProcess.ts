/**
 * A running `sumo` child process: spawn it, keep the tail of its output for error messages, wait for
 * it to exit, kill it.
 *
 * The child's stdout/stderr are piped and always drained (a full pipe would block SUMO); only the last
 * {@link OUTPUT_TAIL_CHARS} characters are kept.
 */
import { type ChildProcess, spawn } from "node:child_process";

/** How much of SUMO's combined stdout/stderr is kept for error messages, in characters. */
const OUTPUT_TAIL_CHARS = 4000;

/** The message for a missing SUMO binary (spawn's ENOENT). */
export const SUMO_NOT_FOUND_MESSAGE =
  "SUMO not found: install it (apt-get install -y sumo sumo-tools) or set SUMO_HOME / sumoBinary";

/** A spawned SUMO process. */
export class SumoProcess {
  /** The binary that was started (as given to spawn). */
  readonly binary: string;
  /** The arguments it was started with. */
  readonly args: readonly string[];
  private readonly _child: ChildProcess;
  private _output = "";
  private _exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly _exited: Promise<void>;

  private constructor(binary: string, args: readonly string[], child: ChildProcess) {
    this.binary = binary;
    this.args = args;
    this._child = child;
    const keep = (chunk: Buffer) => {
      this._output = (this._output + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this._exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this._exit = { code, signal };
        resolve();
      });
    });
  }

  /**
   * Starts `binary args...`. Resolves once the OS has started the process; rejects with
   * {@link SUMO_NOT_FOUND_MESSAGE} when the binary does not exist (ENOENT).
   */
  static start(
    binary: string,
    args: readonly string[],
    options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<SumoProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn(binary, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
      const proc = new SumoProcess(binary, args, child);
      child.once("spawn", () => {
        child.off("error", onError);
        resolve(proc);
      });
      const onError = (err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") reject(new Error(`${SUMO_NOT_FOUND_MESSAGE} (tried "${binary}")`, { cause: err }));
        else reject(new Error(`Could not start SUMO ("${binary}"): ${err.message}`, { cause: err }));
      };
      child.once("error", onError);
    });
  }

  /** The OS process id. */
  get pid(): number | undefined {
    return this._child.pid;
  }

  /** True once the process has exited. */
  get exited(): boolean {
    return this._exit !== null;
  }

  /** A readable description of how the process ended, or null while it runs. */
  get exitDescription(): string | null {
    if (!this._exit) return null;
    return this._exit.signal ? `killed by ${this._exit.signal}` : `exit code ${this._exit.code}`;
  }

  /** The last few thousand characters SUMO printed (stdout and stderr interleaved), trimmed. */
  outputTail(): string {
    return this._output.trim();
  }

  /** Resolves when the process exits. */
  whenExited(): Promise<void> {
    return this._exited;
  }

  /** Waits up to `timeoutMs` for the process to exit; resolves true if it did. */
  async waitForExit(timeoutMs: number): Promise<boolean> {
    if (this.exited) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([this._exited.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return result;
  }

  /** Kills the process (SIGKILL) if it still runs and waits for it to be reaped, so no zombie remains. */
  async kill(): Promise<void> {
    if (this.exited) return;
    this._child.kill("SIGKILL");
    await this._exited;
  }
}
