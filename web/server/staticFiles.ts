/**
 * Serving files from one folder without ever leaving it: the URL path is decoded, normalised and
 * resolved against the folder, and the real path (symbolic links followed) must still lie inside
 * it. Anything else — `..` segments, encoded slashes, absolute paths, NUL bytes, links out — is
 * not found.
 */
import { createReadStream, realpathSync, statSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json; charset=utf-8",
  ".replay": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
};

/** The MIME type for a file name. */
export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/** Whether `child` is `root` itself or lies inside it (both absolute, resolved). */
function inside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel) && !rel.split(sep).includes(".."));
}

/**
 * The real path of the regular file that URL path `urlPath` (still percent-encoded, without the
 * query) names inside `root`, or undefined when there is none or it would lie outside `root`.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const parts = decoded.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..")) return undefined;
  const rootReal = realRoot(root);
  if (!rootReal) return undefined;
  const candidate = resolve(rootReal, join(...(parts.length ? parts : ["."])));
  if (!inside(rootReal, candidate)) return undefined;
  try {
    const real = realpathSync(candidate);
    if (!inside(rootReal, real) || !statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

function realRoot(root: string): string | undefined {
  try {
    return realpathSync(root);
  } catch {
    return undefined;
  }
}

/** Streams a file (found with {@link resolveInside}) as the response. */
export function sendFile(res: ServerResponse, path: string, headOnly: boolean): void {
  const size = statSync(path).size;
  res.writeHead(200, {
    "content-type": contentType(path),
    "content-length": size,
    "x-content-type-options": "nosniff",
    "cache-control": "no-cache",
  });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

/** A plain-text error response. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
  res.end(message + "\n");
}
