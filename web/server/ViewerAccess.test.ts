import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { hostWithPort, isLoopbackHost, isWildcardHost, tokenProblem, ViewerAccess } from "./ViewerAccess.js";

describe("ViewerAccess", () => {
  it("on loopback accepts the loopback names of its own port only, and needs no token", () => {
    const a = new ViewerAccess({ host: "127.0.0.1", port: 8765 });
    expect(a.beyondLoopback).toBe(false);
    expect(a.token).toBeUndefined();
    expect(a.urls).toEqual(["http://127.0.0.1:8765/"]);
    for (const host of ["127.0.0.1:8765", "localhost:8765", "LOCALHOST:8765", "[::1]:8765"])
      expect(a.refusal({ host }), host).toBeUndefined();
    for (const host of ["127.0.0.1:8766", "evil.example:8765", "127.0.0.1", "", "attacker.127.0.0.1.nip.io:8765"])
      expect(a.refusal({ host }), host).toMatch(/is not this viewer's address/);
    expect(a.refusal({})).toMatch(/is not this viewer's address/);
    expect(a.refusal({ host: "127.0.0.1:8765", origin: "http://localhost:8765" })).toBeUndefined();
    for (const origin of ["http://127.0.0.1:8766", "http://evil.example", "https://127.0.0.1:8765", "null"])
      expect(a.refusal({ host: "127.0.0.1:8765", origin }), origin).toMatch(/may not use this viewer/);
    expect(a.tokenAccepted(undefined)).toBe(true);
  });

  it("beyond loopback generates a token and requires it", () => {
    const a = new ViewerAccess({ host: "192.0.2.7", port: 9000 });
    expect(a.beyondLoopback).toBe(true);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.urls).toEqual([`http://192.0.2.7:9000/?token=${a.token}`]);
    expect(a.refusal({ host: "192.0.2.7:9000", origin: "http://192.0.2.7:9000" })).toBeUndefined();
    expect(a.refusal({ host: "127.0.0.1:9000" })).toMatch(/not this viewer's address/);
    expect(a.tokenAccepted(a.token)).toBe(true);
    for (const t of [undefined, "", "x", a.token!.slice(1), a.token + "x", 42])
      expect(a.tokenAccepted(t), String(t)).toBe(false);
    expect(new ViewerAccess({ host: "192.0.2.7", port: 9000 }).token).not.toBe(a.token);
  });

  it("on a wildcard bind accepts loopback and this machine's names, lists its addresses", () => {
    const a = new ViewerAccess({ host: "0.0.0.0", port: 8765, token: "a-token-of-sixteen" });
    expect(a.token).toBe("a-token-of-sixteen");
    expect(a.urls[0]).toBe("http://127.0.0.1:8765/?token=a-token-of-sixteen");
    expect(a.refusal({ host: "localhost:8765" })).toBeUndefined();
    expect(a.refusal({ host: `${hostname()}:8765` })).toBeUndefined();
    expect(a.refusal({ host: "evil.example:8765" })).toMatch(/not this viewer's address/);
  });

  it("accepts origins allowed explicitly and refuses a malformed one", () => {
    const a = new ViewerAccess({ host: "127.0.0.1", port: 8765, allowedOrigins: ["https://Viewer.Example"] });
    expect(a.refusal({ host: "viewer.example", origin: "https://viewer.example" })).toBeUndefined();
    expect(a.refusal({ host: "viewer.example", origin: "http://viewer.example" })).toMatch(/may not use/);
    expect(() => new ViewerAccess({ host: "127.0.0.1", port: 1, allowedOrigins: ["viewer.example"] })).toThrow(
      /--allow-origin "viewer.example": expected/,
    );
    expect(() => new ViewerAccess({ host: "127.0.0.1", port: 1, allowedOrigins: ["http://a.example/x"] })).toThrow(
      /without a path/,
    );
  });

  it("a token given on loopback is required there too; a weak one is refused", () => {
    const a = new ViewerAccess({ host: "localhost", port: 1, token: "0123456789abcdef" });
    expect(a.urls).toEqual(["http://localhost:1/?token=0123456789abcdef"]);
    expect(a.tokenAccepted("0123456789abcdef")).toBe(true);
    expect(a.tokenAccepted(undefined)).toBe(false);
    expect(tokenProblem("short")).toMatch(/16–256 characters/);
    expect(tokenProblem("has space in it!!")).toMatch(/16–256 characters/);
    expect(() => new ViewerAccess({ host: "127.0.0.1", port: 1, token: "short" })).toThrow(/16–256/);
  });

  it("reads the token from the query or a bearer header", () => {
    expect(ViewerAccess.requestToken(new URL("http://x/api?token=abc"), {})).toBe("abc");
    expect(ViewerAccess.requestToken(new URL("http://x/api"), { authorization: "Bearer def" })).toBe("def");
    expect(ViewerAccess.requestToken(new URL("http://x/api"), {})).toBeUndefined();
  });

  it("classifies hosts", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "::", "192.168.1.2", "example.com", "128.0.0.1"].some(isLoopbackHost)).toBe(false);
    expect(isWildcardHost("0.0.0.0") && isWildcardHost("::")).toBe(true);
    expect(hostWithPort("::1", 80)).toBe("[::1]:80");
    expect(hostWithPort("LocalHost", 80)).toBe("localhost:80");
  });
});
