/**
 * A drop-in for cannon-es's `ArrayCollisionMatrix` (which records which body pairs touch, for
 * collide events) whose `reset` costs O(pairs touched) instead of O(N²): cannon-es resets it every
 * substep, and with 100 kinematic bodies in the world the stock reset alone was a quarter of the
 * physics time (measured with bench/physicsBenchmark.ts).
 */
import * as CANNON from "cannon-es";

/** Collision matrix indexed like `ArrayCollisionMatrix`, remembering which cells it set. */
export class SparseCollisionMatrix extends CANNON.ArrayCollisionMatrix {
  private cells = new Uint8Array(0);
  private readonly touched: number[] = [];

  private static cell(bi: CANNON.Body, bj: CANNON.Body): number {
    let i = bi.index;
    let j = bj.index;
    if (j > i) {
      const t = j;
      j = i;
      i = t;
    }
    return ((i * (i + 1)) >> 1) + j - 1;
  }

  override get(bi: CANNON.Body, bj: CANNON.Body): number {
    const c = SparseCollisionMatrix.cell(bi, bj);
    return c < this.cells.length ? this.cells[c] : 0;
  }

  override set(bi: CANNON.Body, bj: CANNON.Body, value: boolean): void {
    const c = SparseCollisionMatrix.cell(bi, bj);
    if (c >= this.cells.length) {
      if (!value) return;
      const grown = new Uint8Array(Math.max(c + 1, 2 * this.cells.length));
      grown.set(this.cells);
      this.cells = grown;
    }
    if (value && this.cells[c] === 0) this.touched.push(c);
    this.cells[c] = value ? 1 : 0;
  }

  override reset(): void {
    const t = this.touched;
    for (let k = 0; k < t.length; k++) this.cells[t[k]] = 0;
    t.length = 0;
  }

  override setNumObjects(n: number): void {
    // Cell indices reach n(n+1)/2 + n − 3 with cannon-es's formula; keep what is set.
    const size = ((n * (n + 1)) >> 1) + n;
    if (size <= this.cells.length) return;
    const grown = new Uint8Array(size);
    grown.set(this.cells);
    this.cells = grown;
  }
}
