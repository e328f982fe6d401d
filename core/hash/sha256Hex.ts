/**
 * SHA-256 in plain JavaScript (@noble/hashes), the same in Node and in a browser: content hashes of
 * compiled scenarios and simulation state hashes must agree wherever they are computed, and the
 * browser has no synchronous digest of its own (WebCrypto's is async).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/** Hex SHA-256 of `data` (a string is hashed as its UTF-8 bytes, as Node's `hash.update(string)` does). */
export function sha256Hex(data: string | Uint8Array): string {
  return bytesToHex(sha256(typeof data === "string" ? utf8ToBytes(data) : data));
}

/** An incremental SHA-256: `update` with strings (UTF-8) or bytes, then `hex()` once. */
export class Sha256 {
  private readonly hash = sha256.create();

  /** Adds `data`; returns this for chaining. */
  update(data: string | Uint8Array): this {
    this.hash.update(typeof data === "string" ? utf8ToBytes(data) : data);
    return this;
  }

  /** The digest of what was added so far, in hex; the hash goes on taking updates. */
  peekHex(): string {
    return bytesToHex(this.hash.clone().digest());
  }

  /** The digest in hex (the hash cannot be updated after). */
  hex(): string {
    return bytesToHex(this.hash.digest());
  }
}
