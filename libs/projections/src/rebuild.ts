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

const MAX_DOCS_IN_MEMORY = 50_000;
const SETTLED_PER_WRITE = 5_000;

/**
 * One read model rebuilt into `rm_<name>_rebuild`. Documents are folded in memory; settled
 * ones (see Projection.settled) are written away in batches while the next page folds. When
 * more than `maxDocs` are held, or the rebuild reaches its live checkpoint, they are all
 * written to the table (plain inserts, the primary key built after them) and read back only
 * when a later event needs them.
 */
export class Rebuild {
  private readonly live: DocumentTable;
  private readonly table: DocumentTable;
  /** undefined: removed (deleted from the table if it was written there). */
  private docs = new Map<string, unknown>();
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
    const { projection, docs } = this;
    if (this.spilled) {
      await this.writing;
      await this.readBack(events);
    }
    const lookup = (key: string) => docs.get(key);
    for (const event of events) {
      for (const key of projection.keysOf(event)) {
        const next = projection.evolve(docs.get(key), event, key, lookup);
        if (next !== undefined && projection.settled?.(key)) {
          this.settledOut.push([key, next]);
          docs.delete(key);
        } else if (next === undefined && !this.spilled) docs.delete(key);
        else docs.set(key, next);
      }
    }
    if (this.settledOut.length >= SETTLED_PER_WRITE) {
      await this.writing;
      this.writing = this.writeSettled(this.db);
      this.writing.catch(() => undefined); // its failure is met where it is awaited
    }
    if (docs.size > this.maxDocs) await this.writeOut();
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

  /**
   * Every document held goes to the table, which from now on is read for the keys not in
   * memory. The first time, the rows are plain inserts and the primary key is built after them.
   */
  async writeOut(): Promise<void> {
    await this.writing;
    await this.writeSettled(this.db);
    if (this.spilled) await this.table.write(this.db, this.docs);
    else {
      await this.table.insert(this.db, this.docs);
      await this.table.addPrimaryKey(this.db);
      this.spilled = true;
    }
    this.docs = new Map();
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
        if (!this.docs.has(key)) missing.add(key);
      }
    }
    if (missing.size === 0) return;
    for (const [key, doc] of await this.table.load(this.db, [...missing])) this.docs.set(key, doc);
  }
}
