import { Logger } from '@nestjs/common';
import type { SqlDatabase, SqlQueryable } from '@app/database';
import type { EventStore, StoredEvent } from '@app/event-store';
import { DocumentTable } from './document-table';
import { foldBatch } from './fold';
import { type Projection, tableOf } from './projection';

export interface RunnerOptions {
  /** Events per batch when caught up; a full batch doubles the next one, up to maxBatchSize. */
  readonly batchSize?: number;
  readonly maxBatchSize?: number;
  readonly pollMs?: number;
  /** Called inside each batch's transaction after a projection's documents are written (tests use it to crash mid-batch). */
  readonly afterBatchWrite?: (projection: string, events: readonly StoredEvent[]) => Promise<void> | void;
}

export interface ProjectionStatus {
  readonly projection: string;
  readonly version: number;
  readonly position: number;
  /** Events in the log not yet applied. */
  readonly lag: number;
  /** How long the oldest event not yet applied has waited (0 when caught up). */
  readonly lagSeconds: number;
}

const DEFAULT_BATCH = 500;
const DEFAULT_MAX_BATCH = 20_000;

/**
 * Catches every projection up from its checkpoint and keeps it there. Projections at the
 * same checkpoint (normally all of them) share one read of the log per batch; each
 * document a batch touches is loaded once, folded through all its events in memory and
 * written once, and the documents of every projection in the batch commit with their
 * checkpoints in one transaction: a crash anywhere in a batch leaves none of it, so the
 * restart applies the batch once, from the same place. Batches grow while the log is
 * ahead (catching up) and shrink back once caught up.
 */
export class ProjectionRunner {
  private readonly logger = new Logger('Projections');
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wake: Array<() => void> = [];
  private size: number;
  /** While catching up, the next batch is read as the current one is written: the position it follows, and the read. */
  private ahead: { readonly after: number; readonly events: Promise<StoredEvent[]> } | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {
    this.size = this.minSize;
  }

  private get minSize(): number {
    return this.options.batchSize ?? DEFAULT_BATCH;
  }

  private get maxSize(): number {
    return Math.max(this.minSize, this.options.maxBatchSize ?? DEFAULT_MAX_BATCH);
  }

  /** Creates tables and checkpoints; a projection whose version changed is rebuilt from the start. */
  async prepare(): Promise<void> {
    for (const projection of this.projections) {
      await this.db.transaction(async (tx) => {
        await tx.query(`select pg_advisory_xact_lock(hashtext('projection:' || $1))`, [projection.name]);
        const { rows } = await tx.query<{ version: number }>('select version from projection_checkpoints where projection = $1', [projection.name]);
        const table = new DocumentTable(tableOf(projection.name));
        if (rows.length > 0 && Number(rows[0].version) !== projection.version) {
          this.logger.log(`${projection.name}: version ${rows[0].version} → ${projection.version}, rebuilding from the log`);
          await tx.query(`drop table if exists ${table.table}`);
          await tx.query('delete from projection_checkpoints where projection = $1', [projection.name]);
        }
        await table.create(tx);
        await tx.query(
          'insert into projection_checkpoints (projection, version, position) values ($1, $2, 0) on conflict (projection) do nothing',
          [projection.name, projection.version],
        );
      });
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake.splice(0).forEach((wake) => wake());
    await this.loopDone;
    await this.ahead?.events.catch(() => undefined);
    this.ahead = undefined;
  }

  /** Processes batches until every projection has applied everything visible now. */
  async catchUp(): Promise<void> {
    while ((await this.runOnce()) > 0);
  }

  /** One batch for one projection alone; returns how many events it covered. */
  async runBatch(projection: Projection): Promise<number> {
    const from = await this.checkpoint(this.db, projection.name);
    return this.runGroup([projection], from);
  }

  /** One batch for each group of projections at the same checkpoint; returns the events covered. */
  async runOnce(): Promise<number> {
    const positions = await this.checkpoints();
    const groups = new Map<number, Projection[]>();
    for (const projection of this.projections) {
      const at = positions.get(projection.name);
      if (at === undefined) throw new Error(`Projection ${projection.name} is not prepared`);
      groups.set(at, [...(groups.get(at) ?? []), projection]);
    }
    let covered = 0;
    let full = false;
    for (const [from, group] of groups) {
      const n = await this.runGroupIsolating(group, from);
      covered += n;
      full ||= n >= this.size;
    }
    this.size = full ? Math.min(this.maxSize, this.size * 2) : this.minSize;
    return covered;
  }

  /** A failing projection must not hold the others back: on an error each runs its batch alone. */
  private async runGroupIsolating(group: readonly Projection[], from: number): Promise<number> {
    if (group.length === 1) return this.runGroup(group, from);
    try {
      return await this.runGroup(group, from);
    } catch (error) {
      this.logger.warn(`batch after ${from} failed (${(error as Error).message}); applying it to each read model alone`);
      let covered = 0;
      for (const projection of group) {
        try {
          covered = Math.max(covered, await this.runGroup([projection], from));
        } catch (alone) {
          this.logger.error(`${projection.name}: ${(alone as Error).message}; retrying`);
        }
      }
      return covered;
    }
  }

  /**
   * Events are read outside the transaction (PGlite has one connection; on a server an
   * open transaction would hold back the log's visibility horizon); the locked
   * checkpoints prove nobody applied them meanwhile.
   */
  private async runGroup(group: readonly Projection[], from: number): Promise<number> {
    const events = await this.read(from);
    if (events.length === 0) return 0;
    const last = events[events.length - 1].globalPosition;
    if (events.length >= this.size) this.readAhead(last, Math.min(this.maxSize, this.size * 2));
    return this.db.transaction(async (tx) => {
      const names = group.map((p) => p.name);
      const { rows } = await tx.query<{ projection: string; position: string }>(
        'select projection, position from projection_checkpoints where projection = any($1::text[]) order by projection for update',
        [names],
      );
      if (rows.length !== group.length || rows.some((row) => Number(row.position) !== from)) return 0;
      for (const projection of group) {
        const table = new DocumentTable(tableOf(projection.name));
        await foldBatch(projection, events, (keys) => table.load(tx, keys), (changed) => table.write(tx, changed));
        await this.options.afterBatchWrite?.(projection.name, events);
      }
      await tx.query('update projection_checkpoints set position = $2, updated_at = now() where projection = any($1::text[])', [names, last]);
      return events.length;
    });
  }

  /** The batch after `from`: the one read ahead if it follows `from` and found events, else a fresh read. */
  private async read(from: number): Promise<StoredEvent[]> {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (ahead?.after === from) {
      const events = await ahead.events.catch(() => [] as StoredEvent[]);
      if (events.length > 0) return events;
    }
    return this.store.readAll({ after: from, limit: this.size });
  }

  /**
   * Reads the next batch while this one is written. If this batch does not commit (another
   * runner applied it), the read follows a position no checkpoint is at and goes unused.
   */
  private readAhead(after: number, limit: number): void {
    const events = this.store.readAll({ after, limit });
    events.catch(() => undefined); // a failed read ahead is read again when its batch comes
    this.ahead = { after, events };
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.headPosition();
    const { rows } = await this.db.query<{ projection: string; version: number; position: string }>(
      'select projection, version, position from projection_checkpoints order by projection',
    );
    const mine = rows.filter((row) => this.projections.some((p) => p.name === row.projection));
    const waited = new Map<number, number>();
    for (const position of new Set(mine.map((row) => Number(row.position)))) {
      if (head > position) waited.set(position, await this.secondsWaited(position));
    }
    return mine.map((row) => {
      const position = Number(row.position);
      return { projection: row.projection, version: Number(row.version), position, lag: Math.max(0, head - position), lagSeconds: waited.get(position) ?? 0 };
    });
  }

  /** Seconds since the first event after `position` was recorded. */
  private async secondsWaited(position: number): Promise<number> {
    const [next] = await this.store.readAll({ after: position, limit: 1 });
    if (!next) return 0;
    return Math.max(0, Math.round((Date.now() - Date.parse(next.metadata.recordedAt)) / 100) / 10);
  }

  private async headPosition(): Promise<number> {
    const store = this.store as EventStore & { headPosition?: () => Promise<number> };
    return store.headPosition ? store.headPosition() : 0;
  }

  private async checkpoints(): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ projection: string; position: string }>(
      'select projection, position from projection_checkpoints where projection = any($1::text[])',
      [this.projections.map((p) => p.name)],
    );
    return new Map(rows.map((row) => [row.projection, Number(row.position)]));
  }

  private async checkpoint(db: SqlQueryable, name: string): Promise<number> {
    const { rows } = await db.query<{ position: string }>('select position from projection_checkpoints where projection = $1', [name]);
    if (rows.length === 0) throw new Error(`Projection ${name} is not prepared`);
    return Number(rows[0].position);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.runOnce()) > 0) continue;
      } catch (error) {
        this.logger.error(`${(error as Error).message}; retrying`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 100);
        this.wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
