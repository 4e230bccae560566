/**
 * Counts every call the bundle makes on the Apps Script test doubles, keyed `Type.method`
 * (`Range.getValues`), so tests and benches can assert that an operation makes a constant number of
 * spreadsheet calls whatever the row count. Writes to the spreadsheet made while the document lock is
 * not held are counted apart (`unlockedWrites`).
 */
export class CallCounts {
  readonly #byMethod = new Map<string, number>();
  readonly #spreadsheetTypes = new Set<string>();
  #total = 0;
  #writes = 0;
  #unlockedWrites = 0;
  readonly #unlockedWriteCalls: string[] = [];

  /** Called by the vm bridge for every call the bundle makes on a double. */
  record(call: { type: string; method: string; spreadsheet: boolean; write: boolean; locked: boolean }): void {
    const key = `${call.type}.${call.method}`;
    this.#byMethod.set(key, (this.#byMethod.get(key) ?? 0) + 1);
    if (!call.spreadsheet) return;
    this.#spreadsheetTypes.add(call.type);
    this.#total++;
    if (!call.write) return;
    this.#writes++;
    if (!call.locked) {
      this.#unlockedWrites++;
      if (this.#unlockedWriteCalls.length < 50) this.#unlockedWriteCalls.push(key);
    }
  }

  /** Calls of `Range.getValues` (a type and a method), or of `getValues` on any spreadsheet type. */
  get(name: string): number {
    if (name.includes('.')) return this.#byMethod.get(name) ?? 0;
    let sum = 0;
    for (const type of this.#spreadsheetTypes) sum += this.#byMethod.get(`${type}.${name}`) ?? 0;
    return sum;
  }

  /** Every call on SpreadsheetApp and the objects reached from it (Spreadsheet, Sheet, Range, RangeList, …). */
  get total(): number {
    return this.#total;
  }

  /** Spreadsheet calls that change the document (set…, insert…, delete…, sort, clear…, protect, …). */
  get writes(): number {
    return this.#writes;
  }

  /** Spreadsheet writes made while no document lock was held. */
  get unlockedWrites(): number {
    return this.#unlockedWrites;
  }

  /** The first unlocked writes by name, to say which call forgot the lock. */
  get unlockedWriteCalls(): readonly string[] {
    return this.#unlockedWriteCalls;
  }

  /** Every counter, for a failing assertion's message or a bench's print-out. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#byMethod].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.#byMethod.clear();
    this.#total = 0;
    this.#writes = 0;
    this.#unlockedWrites = 0;
    this.#unlockedWriteCalls.length = 0;
  }
}

const writePrefix = new RegExp(
  '^(set|insert|delete|clear|sort|append|hide|show|unhide|protect|add|remove|update|auto|create|move|merge|break|copy|trim|' +
    'check|uncheck|apply|expand|collapse|shift|randomize)',
);
const notWrites = new Set([
  'createDeveloperMetadataFinder',
  'createTextFinder',
  'activate',
  'activateAsCurrentCell',
  'setActiveSheet',
  'setActiveRange',
  'setActiveRangeList',
  'setActiveSelection',
  'setCurrentCell',
  'showSidebar',
]);
const documentTypes = new Set([
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'Filter',
  'Protection',
  'DeveloperMetadata',
  'NamedRange',
  'EmbeddedChart',
]);

/** Whether a spreadsheet call changes the document (what must happen under the document lock). */
export function isSpreadsheetWrite(type: string, method: string): boolean {
  return documentTypes.has(type) && writePrefix.test(method) && !notWrites.has(method);
}
