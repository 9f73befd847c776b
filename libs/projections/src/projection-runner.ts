import { Logger } from '@nestjs/common';
import type { SqlDatabase, SqlQueryable } from '@app/database';
import type { EventStore, StoredEvent } from '@app/event-store';
import { DocumentTable } from './document-table';
import { type Projection, tableOf } from './projection';

export interface RunnerOptions {
  readonly batchSize?: number;
  readonly pollMs?: number;
  /** Called inside each batch's transaction after its documents are written (tests use it to crash mid-batch). */
  readonly afterBatchWrite?: (projection: string, events: readonly StoredEvent[]) => Promise<void> | void;
}

export interface ProjectionStatus {
  readonly projection: string;
  readonly version: number;
  readonly position: number;
  readonly lag: number;
}

/**
 * Catches each projection up from its checkpoint and keeps it there. A batch's documents
 * and the checkpoint that covers them commit in one transaction: a crash anywhere in a
 * batch leaves neither, so the restart applies the batch once, from the same place.
 */
export class ProjectionRunner {
  private readonly logger = new Logger('Projections');
  private running = false;
  private loops: Promise<void>[] = [];
  private wake: Array<() => void> = [];

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {}

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
    this.loops = this.projections.map((projection) => this.loop(projection));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake.splice(0).forEach((wake) => wake());
    await Promise.all(this.loops);
  }

  /** Processes batches until every projection has applied everything visible now. */
  async catchUp(): Promise<void> {
    for (const projection of this.projections) {
      while ((await this.runBatch(projection)) > 0);
    }
  }

  /**
   * One batch for one projection; returns how many events it covered. Events are read
   * outside the transaction (PGlite has one connection; on a server an open transaction
   * would hold back the log's visibility horizon); the locked checkpoint proves nobody
   * applied them meanwhile.
   */
  async runBatch(projection: Projection): Promise<number> {
    const table = new DocumentTable(tableOf(projection.name));
    const from = await this.checkpoint(this.db, projection.name);
    const events = await this.store.readAll({ after: from, limit: this.options.batchSize ?? 500 });
    if (events.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      if ((await this.checkpoint(tx, projection.name, true)) !== from) return 0;
      const keys = events.flatMap((event) => [...projection.keysOf(event), ...(projection.readsOf?.(event) ?? [])]);
      const docs = await table.load(tx, [...new Set(keys)]);
      const changed = new Map<string, unknown>();
      for (const event of events) {
        for (const key of projection.keysOf(event)) {
          const next = projection.evolve(docs.get(key), event, key, (other) => docs.get(other));
          docs.set(key, next);
          changed.set(key, next);
        }
      }
      await table.write(tx, changed);
      await this.options.afterBatchWrite?.(projection.name, events);
      await tx.query('update projection_checkpoints set position = $2, updated_at = now() where projection = $1', [
        projection.name,
        events[events.length - 1].globalPosition,
      ]);
      return events.length;
    });
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.headPosition();
    const { rows } = await this.db.query<{ projection: string; version: number; position: string }>(
      'select projection, version, position from projection_checkpoints order by projection',
    );
    return rows
      .filter((row) => this.projections.some((p) => p.name === row.projection))
      .map((row) => ({ projection: row.projection, version: Number(row.version), position: Number(row.position), lag: Math.max(0, head - Number(row.position)) }));
  }

  private async headPosition(): Promise<number> {
    const store = this.store as EventStore & { headPosition?: () => Promise<number> };
    return store.headPosition ? store.headPosition() : 0;
  }

  /** With `lock`, a row lock: a second runner (or a replay's swap) waits instead of double-applying. */
  private async checkpoint(db: SqlQueryable, name: string, lock = false): Promise<number> {
    const { rows } = await db.query<{ position: string }>(
      `select position from projection_checkpoints where projection = $1${lock ? ' for update' : ''}`,
      [name],
    );
    if (rows.length === 0) throw new Error(`Projection ${name} is not prepared`);
    return Number(rows[0].position);
  }

  private async loop(projection: Projection): Promise<void> {
    while (this.running) {
      try {
        if ((await this.runBatch(projection)) > 0) continue;
      } catch (error) {
        this.logger.error(`${projection.name}: ${(error as Error).message}; retrying`);
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
