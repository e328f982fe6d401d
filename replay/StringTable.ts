/**
 * The per-record string table: each record lists the distinct strings it uses (vehicle ids, type
 * ids, owners, lane ids) once, and refers to them by index, so `local` or `passenger` costs one
 * byte per use. Tables are per record, which keeps keyframes self-contained (seekable).
 */

/** Collects the strings of one record, in first-use order. */
export class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  /** Forgets every string. */
  reset(): void {
    this.list.length = 0;
    this.index.clear();
  }

  /** The index of `s`, adding it when new. */
  ref(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
