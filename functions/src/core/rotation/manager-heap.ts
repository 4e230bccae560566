/**
 * A max-heap of manager indexes with lazy invalidation: when a manager's standing changes the
 * caller bumps its stamp and pushes a fresh entry; entries with an old stamp are dropped on pop.
 * That keeps every step O(log m) without a decrease-key operation.
 */
type Entry = { index: number; key: number; tie: number; stamp: number };

export class ManagerHeap {
  private readonly items: Entry[] = [];

  push(entry: Entry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!above(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  /** The best entry still current by `isCurrent`, removed from the heap; stale ones are discarded. */
  pop(isCurrent: (e: Entry) => boolean): Entry | undefined {
    while (this.items.length > 0) {
      const top = this.removeTop();
      if (isCurrent(top)) return top;
    }
    return undefined;
  }

  /** The best current entry, left in place. */
  peek(isCurrent: (e: Entry) => boolean): Entry | undefined {
    while (this.items.length > 0 && !isCurrent(this.items[0]!)) this.removeTop();
    return this.items[0];
  }

  private removeTop(): Entry {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && above(items[l]!, items[best]!)) best = l;
        if (r < items.length && above(items[r]!, items[best]!)) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best]!, items[i]!];
        i = best;
      }
    }
    return top;
  }
}

function above(a: Entry, b: Entry): boolean {
  return a.key !== b.key ? a.key > b.key : a.tie !== b.tie ? a.tie > b.tie : a.index < b.index;
}

export type HeapEntry = Entry;

/** FNV-1a: a stable tie-break seeded by the run date, so no manager is always first in line. */
export function seededTie(seed: string, id: string): number {
  let h = 0x811c9dc5;
  const s = `${seed}|${id}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
