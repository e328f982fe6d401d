/**
 * Who drives each vehicle (DESIGN.md §5): one map, one writer. Every owner change in the simulation
 * goes through {@link Ownership.assign}, {@link Ownership.transfer} or {@link Ownership.remove};
 * a second owner for a vehicle is an error naming the vehicle and both owners.
 *
 * Owner names: a provider's name (`local`, `sumo`, `history`) or `agent:<agentId>` /
 * `social:<agentId>` for agents.
 */

/** The ownership map of one simulation. */
export class Ownership {
  private readonly owners = new Map<string, string>();

  /** The owner of vehicle `id`, or undefined when no such vehicle exists. */
  ownerOf(id: string): string | undefined {
    return this.owners.get(id);
  }

  /** Number of owned vehicles. */
  get size(): number {
    return this.owners.size;
  }

  /** Records a new vehicle's owner; throws when the vehicle already has one. */
  assign(id: string, owner: string): void {
    const had = this.owners.get(id);
    if (had !== undefined)
      throw new Error(`vehicle "${id}" is already owned by "${had}"; "${owner}" cannot own it too`);
    this.owners.set(id, owner);
  }

  /** Passes vehicle `id` from `from` to `to`; throws when `from` is not its owner. */
  transfer(id: string, from: string, to: string): void {
    const had = this.owners.get(id);
    if (had !== from)
      throw new Error(`vehicle "${id}" is owned by "${had ?? "nobody"}", not "${from}"; cannot pass it to "${to}"`);
    this.owners.set(id, to);
  }

  /** Forgets vehicle `id` (it left the simulation); throws when `owner` is not its owner. */
  remove(id: string, owner: string): void {
    const had = this.owners.get(id);
    if (had !== owner)
      throw new Error(`vehicle "${id}" is owned by "${had ?? "nobody"}", not "${owner}"; cannot remove it`);
    this.owners.delete(id);
  }

  /** Every (vehicle, owner) pair, sorted by vehicle id. */
  entries(): [string, string][] {
    return [...this.owners.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Forgets everything (episode reset). */
  clear(): void {
    this.owners.clear();
  }

  /** Replaces the map with `entries` (snapshot restore). */
  setEntries(entries: readonly (readonly [string, string])[]): void {
    this.owners.clear();
    for (const [id, owner] of entries) this.assign(id, owner);
  }
}
