import type { SqlDatabase, SqlQueryable } from '@app/database';
import type { StoredEvent } from '@app/event-store';
import { DocumentTable } from './document-table';
import { type Projection, tableOf } from './projection';

export interface ReplayReport {
  readonly projection: string;
  readonly events: number;
  readonly rows: number;
  /** Rows whose document differs between the live table and the rebuild (expected 0). */
  readonly differing: number;
  readonly swapped: boolean;
  readonly position: number;
}

/**
 * Documents a rebuild holds before it writes the least recently changed half away. A
 * case's documents run to tens of kilobytes (its deadlines, its outcome monitoring), and the
 * fold copies them on every event: held whole, the six read models of a million-event log
 * (14,918 cases) took 3 GB and most of the time went to collecting garbage in that heap.
 * Reading a document back from the table costs less than keeping it: the same replay took a
 * third of the time holding 500 per read model (a tenth longer on a log of 50,000 events,
 * which fits in memory).
 */
const MAX_DOCS_IN_MEMORY = 500;
const SETTLED_PER_WRITE = 5_000;

/**
 * One read model rebuilt into `rm_<name>_rebuild`. Documents are folded in memory; settled
 * ones (see Projection.settled) are written away in batches while the next page folds. When
 * more than `maxDocs` are held, the least recently changed half is written to the table
 * (the first time as plain inserts, the primary key built after them) and read back only
 * when a later event needs one; the rest are written when the rebuild reaches its live checkpoint.
 */
export class Rebuild {
  private readonly live: DocumentTable;
  private readonly table: DocumentTable;
  /** In the order last changed, least recent first. undefined: removed (to be deleted from the table, where it was written). */
  private docs = new Map<string, unknown>();
  /** Keys of documents in the table: the only ones worth reading back. */
  private readonly written = new Set<string>();
  private settledOut: Array<[string, unknown]> = [];
  private spilled = false;
  /** The write of settled documents under way while the next page folds (at most one at a time). */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: SqlDatabase,
    readonly projection: Projection,
    private readonly maxDocs = MAX_DOCS_IN_MEMORY,
  ) {
    this.live = new DocumentTable(tableOf(projection.name));
    this.table = new DocumentTable(tableOf(projection.name, '_rebuild'));
  }

  async begin(): Promise<void> {
    await this.db.query(`drop table if exists ${this.table.table}`);
    await this.table.createUnindexed(this.db);
  }

  async apply(events: readonly StoredEvent[]): Promise<void> {
    const { projection, docs, written } = this;
    if (written.size > 0) {
      await this.writing;
      await this.readBack(events);
    }
    const lookup = (key: string) => docs.get(key);
    for (const event of events) {
      for (const key of projection.keysOf(event)) {
        const next = projection.evolve(docs.get(key), event, key, lookup);
        docs.delete(key); // set again below, as the most recently changed
        if (next !== undefined && projection.settled?.(key)) this.settledOut.push([key, next]);
        else if (next !== undefined || written.has(key)) docs.set(key, next);
      }
    }
    if (this.settledOut.length >= SETTLED_PER_WRITE) {
      await this.writing;
      this.writing = this.writeSettled(this.db);
      this.writing.catch(() => undefined); // its failure is met where it is awaited
    }
    if (docs.size > this.maxDocs) await this.evict(docs.size - Math.floor(this.maxDocs / 2));
  }

  /**
   * Under the live checkpoint's lock: the two tables compared, and the rebuild swapped in.
   * Undefined when the live checkpoint is no longer `position` (the caller goes on reading
   * the log). Call writeOut first: the documents are written outside the lock, so the live
   * runner waits only for the comparison and the swap.
   */
  async finish(position: number, events: number, swap: boolean): Promise<ReplayReport | undefined> {
    const { live, table } = this;
    await this.writeOut();
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ position: string }>('select position from projection_checkpoints where projection = $1 for update', [
        this.projection.name,
      ]);
      if (Number(rows[0]?.position ?? 0) !== position) return undefined;
      const { rows: diff } = await tx.query<{ n: string }>(
        `select count(*) as n from ${live.table} l full outer join ${table.table} r on l.key collate "C" = r.key collate "C"
          where l.doc is distinct from r.doc`,
      );
      const { rows: count } = await tx.query<{ n: string }>(`select count(*) as n from ${table.table}`);
      if (swap) {
        await tx.query(`drop table ${live.table}`);
        await tx.query(`alter table ${table.table} rename to ${live.table}`);
        await tx.query(`alter index ${table.table}_pkey rename to ${live.table}_pkey`);
      } else {
        await tx.query(`drop table ${table.table}`);
      }
      return { projection: this.projection.name, events, rows: Number(count[0].n), differing: Number(diff[0].n), swapped: swap, position };
    });
  }

  /** Every document held goes to the table, which from now on is read for the keys not in memory. */
  async writeOut(): Promise<void> {
    await this.spill(this.docs);
    this.docs = new Map();
  }

  /** The `count` least recently changed documents go to the table. */
  private async evict(count: number): Promise<void> {
    const out = new Map<string, unknown>();
    for (const [key, doc] of this.docs) {
      if (out.size >= count) break;
      out.set(key, doc);
    }
    for (const key of out.keys()) this.docs.delete(key);
    await this.spill(out);
  }

  /** The first time, the rows are plain inserts and the primary key is built after them; then upserts and deletes. */
  private async spill(out: ReadonlyMap<string, unknown>): Promise<void> {
    await this.writing;
    await this.writeSettled(this.db);
    if (this.spilled) await this.table.write(this.db, out);
    else {
      await this.table.insert(this.db, out);
      await this.table.addPrimaryKey(this.db);
      this.spilled = true;
    }
    for (const [key, doc] of out) {
      if (doc === undefined) this.written.delete(key);
      else this.written.add(key);
    }
  }

  private async writeSettled(db: SqlQueryable): Promise<void> {
    if (this.settledOut.length === 0) return;
    const out = this.settledOut;
    this.settledOut = [];
    if (this.spilled) await this.table.write(db, new Map(out));
    else await this.table.insert(db, out);
  }

  private async readBack(events: readonly StoredEvent[]): Promise<void> {
    const missing = new Set<string>();
    for (const event of events) {
      for (const key of [...this.projection.keysOf(event), ...(this.projection.readsOf?.(event) ?? [])]) {
        if (this.written.has(key) && !this.docs.has(key)) missing.add(key);
      }
    }
    if (missing.size === 0) return;
    for (const [key, doc] of await this.table.load(this.db, [...missing])) this.docs.set(key, doc);
  }
}
