/**
 * Who may talk to a viewer server (docs/viewer.md, "Security model"). Browsers let any web page
 * open a WebSocket to any address and send simple requests to it, so a server on a predictable
 * loopback port is reachable from every page the user has open; and a page whose own name is made
 * to resolve to 127.0.0.1 (DNS rebinding) is even same-origin with it. Three checks close that:
 *
 * - **Host**: the request's `Host` must name the server as it is bound — `127.0.0.1`, `localhost`
 *   or `[::1]` with the server's port for a loopback bind; the bound address, and for a wildcard
 *   bind (`0.0.0.0`, `::`) every address of this machine and its host name, otherwise — or the host
 *   of an origin allowed explicitly. A rebound name fails it.
 * - **Origin**: when a request carries one (browsers always send it on WebSocket handshakes and
 *   cross-origin requests) it must be `http://` + an allowed host, or an origin allowed explicitly.
 *   Non-browser clients send none and are not limited by it.
 * - **Token**: a server bound beyond loopback requires an access token (generated unless one is
 *   given), carried as `?token=` in the printed address, `auth.token` on the socket, or an
 *   `Authorization: Bearer` header. A loopback server requires one only when one is given.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { hostname, networkInterfaces } from "node:os";

/** Options of {@link ViewerAccess}. */
export interface ViewerAccessOptions {
  /** The address the server binds. */
  host: string;
  /** The port it listens on (the real one, after binding port 0). */
  port: number;
  /**
   * Access token to require: a string of at least 16 characters `A–Z a–z 0–9 _ -`. Bound beyond
   * loopback, one is generated when none is given.
   * @default none on loopback, a random one otherwise
   */
  token?: string;
  /** Further origins (`scheme://host[:port]`) whose pages may use the viewer, such as a reverse proxy's. @default [] */
  allowedOrigins?: readonly string[];
}

/** Whether `host` (an address or name to bind) is a loopback interface. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h) || h === "::ffff:127.0.0.1";
}

/** Whether `host` is a wildcard address that binds every interface. */
export function isWildcardHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return h === "0.0.0.0" || h === "::" || h === "";
}

/** `host:port` as it appears in a URL or a Host header (IPv6 addresses in brackets), lower-case. */
export function hostWithPort(host: string, port: number): string {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return `${h.includes(":") ? `[${h}]` : h}:${port}`;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

/** Checks a token given by the user; returns why it is unfit, or undefined. */
export function tokenProblem(token: string): string | undefined {
  return TOKEN_PATTERN.test(token)
    ? undefined
    : "an access token must be 16–256 characters of A–Z, a–z, 0–9, _ and - (it travels in a URL)";
}

/** The Host/Origin allow-list and token of one viewer server. */
export class ViewerAccess {
  /** Required token, or undefined when none is required. */
  readonly token: string | undefined;
  /** Accepted `Host` header values (`host:port`, lower-case). */
  readonly hosts: ReadonlySet<string>;
  /** Accepted `Origin` header values. */
  readonly origins: ReadonlySet<string>;
  /**
   * The addresses a browser can open (loopback first; for a wildcard bind, then every address of
   * this machine but link-local IPv6 ones, which need a zone), each with the token when one is required.
   */
  readonly urls: readonly string[];
  /** Whether the bind reaches beyond this machine. */
  readonly beyondLoopback: boolean;

  constructor(options: ViewerAccessOptions) {
    const { host, port } = options;
    this.beyondLoopback = !isLoopbackHost(host);
    if (options.token !== undefined) {
      const problem = tokenProblem(options.token);
      if (problem) throw new Error(problem);
    }
    this.token = options.token ?? (this.beyondLoopback ? randomBytes(18).toString("base64url") : undefined);
    const names: string[] = [];
    if (isLoopbackHost(host)) names.push(host, "127.0.0.1", "localhost", "::1");
    else if (isWildcardHost(host)) names.push("127.0.0.1", "localhost", "::1", ...machineAddresses(), hostname());
    else names.push(host);
    const hosts = new Set(names.map((n) => hostWithPort(n, port)));
    const origins = new Set([...hosts].map((h) => `http://${h}`));
    for (const o of options.allowedOrigins ?? []) {
      const url = parseOrigin(o);
      origins.add(url.origin);
      hosts.add(url.host.toLowerCase());
    }
    this.hosts = hosts;
    this.origins = origins;
    const query = this.token ? `?token=${this.token}` : "";
    const shown = isWildcardHost(host)
      ? ["127.0.0.1", ...machineAddresses().filter((a) => !isLoopbackHost(a) && !/^fe80:/i.test(a))]
      : [host];
    this.urls = shown.map((h) => `http://${hostWithPort(h, port)}/${query}`);
  }

  /**
   * Why a request (HTTP or socket.io handshake) is refused on its `Host` and `Origin` headers, or
   * undefined when they are allowed.
   */
  refusal(headers: IncomingHttpHeaders): string | undefined {
    const host = headers.host?.toLowerCase();
    if (!host || !this.hosts.has(host))
      return `host ${JSON.stringify(headers.host ?? "")} is not this viewer's address (allow it with --allow-origin)`;
    const origin = headers.origin;
    if (origin !== undefined && !this.origins.has(origin.toLowerCase()))
      return `pages from ${JSON.stringify(origin)} may not use this viewer (allow them with --allow-origin)`;
    return undefined;
  }

  /** Whether `given` (from a query, the socket's auth or a header) is the required token, or none is required. */
  tokenAccepted(given: unknown): boolean {
    if (this.token === undefined) return true;
    if (typeof given !== "string") return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** The token an HTTP request carries: `?token=` or `Authorization: Bearer …`. */
  static requestToken(url: URL, headers: IncomingHttpHeaders): string | undefined {
    const q = url.searchParams.get("token");
    if (q !== null) return q;
    const m = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "");
    return m?.[1];
  }
}

/** An origin given by the user, parsed; throws a clear message when it is not one. */
function parseOrigin(origin: string): URL {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`--allow-origin ${JSON.stringify(origin)}: expected an origin such as http://viewer.example:8765`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.pathname !== "/" || url.search || url.hash)
    throw new Error(`--allow-origin ${JSON.stringify(origin)}: expected http(s)://host[:port] without a path`);
  return url;
}

/** Every address of this machine's network interfaces. */
function machineAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.push(a.address);
  return out;
}
