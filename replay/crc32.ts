/**
 * CRC-32 (IEEE 802.3, the zlib/PNG polynomial) of a byte range: each replay record carries one so a
 * torn or corrupted write is detected instead of decoded. Pure (the viewer bundles it; `node:zlib`
 * is not available in the browser).
 */

const _table = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of `bytes[start, end)`, as an unsigned 32-bit integer; `seed` continues an earlier CRC. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length, seed = 0): number {
  let c = ~seed;
  for (let i = start; i < end; i++) c = _table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
