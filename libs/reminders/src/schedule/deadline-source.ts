import { sqlState, type SqlQueryable } from '@app/database';
import { type FrameworkEvent, frameworkStreamId, parseDeadlineKey } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { DocumentTable, tableOf } from '@app/projections';
import { type CaseDeadlinesDoc, type Deadline, deadlinesOf, deadlinesProjection, findDeadlines } from '@app/projections/deadlines';

const UNDEFINED_TABLE = '42P01';
const CASE_STREAM = /^case-(.+)$/;
const PAGE = 5_000;

interface FrameworkFacts {
  readonly localities: ReadonlyMap<string, string>;
}

/**
 * The deadlines read model as the scheduler and the processor see it. That table is
 * written in the same transaction as the events that open, move, meet or cancel a
 * deadline, so BullMQ only ever carries what the log justifies.
 */
export class DeadlineSource {
  private readonly frameworks = new Map<string, FrameworkFacts>();

  constructor(
    private readonly db: SqlQueryable,
    private readonly store: EventStore,
  ) {}

  /** Open deadlines; none while the read model has not been created yet (first start-up). */
  async open(): Promise<Deadline[]> {
    return (await this.query({ status: ['open'] })) ?? [];
  }

  /** How far into the log the deadlines table is (0 before its first batch). */
  async position(): Promise<number> {
    const { rows } = await this.db.query<{ position: string }>('select position from projection_checkpoints where projection = $1', [deadlinesProjection.name]);
    return Number(rows[0]?.position ?? 0);
  }

  /**
   * The cases with events after log position `since` up to `until` (both checkpoints of
   * the deadlines table); undefined when there are more than `max` events to look at.
   */
  async casesChanged(since: number, until: number, max: number): Promise<string[] | undefined> {
    const cases = new Set<string>();
    let after = since;
    for (let seen = 0; after !== until; ) {
      const page = await this.store.readAll({ after, limit: PAGE });
      if (page.length === 0) break;
      for (const event of page) {
        const caseId = CASE_STREAM.exec(event.streamId)?.[1];
        if (caseId) cases.add(caseId);
        after = event.globalPosition;
        if (after === until) break;
      }
      seen += page.length;
      if (seen > max) return undefined;
    }
    return [...cases];
  }

  /** Every deadline of these cases, whatever its status. */
  async ofCases(caseIds: readonly string[]): Promise<Deadline[]> {
    if (caseIds.length === 0) return [];
    try {
      const docs = await new DocumentTable(tableOf(deadlinesProjection.name)).load(this.db, caseIds);
      return [...docs.values()].flatMap((doc) => deadlinesOf(doc as CaseDeadlinesDoc));
    } catch (error) {
      if (sqlState(error) === UNDEFINED_TABLE) return [];
      throw error;
    }
  }

  async find(deadlineKey: string): Promise<Deadline | undefined> {
    const ref = parseDeadlineKey(deadlineKey);
    if (!ref) return undefined;
    const rows = await this.query({ caseId: ref.caseId });
    return rows?.find((d) => d.key === deadlineKey);
  }

  /**
   * "Hinckley and Bosworth" for "hinckley-and-bosworth", as the year's framework names it: a
   * locality added during the year is looked up again in the framework stream, which also
   * keeps the name of a locality merged into another since.
   */
  async localityName(financialYear: string, slug: string | null): Promise<string | undefined> {
    if (!slug) return undefined;
    const known = (await this.framework(financialYear))?.localities.get(slug);
    if (known) return known;
    this.frameworks.delete(financialYear);
    return (await this.framework(financialYear))?.localities.get(slug);
  }

  /** The names of every locality the year's framework has had: those it was imported with, and those added since. */
  private async framework(financialYear: string): Promise<FrameworkFacts | undefined> {
    const cached = this.frameworks.get(financialYear);
    if (cached) return cached;
    const events = await this.store.readStream(frameworkStreamId(financialYear));
    if (events.length === 0) return undefined;
    const localities = new Map<string, string>();
    for (const event of events) {
      const e = event as unknown as FrameworkEvent;
      if (e.type === 'FrameworkImported') for (const l of e.data.localities) localities.set(l.slug, l.name);
      if (e.type === 'LocalityAdded') localities.set(e.data.locality.slug, e.data.locality.name);
    }
    const facts = { localities };
    this.frameworks.set(financialYear, facts);
    return facts;
  }

  private async query(filter: Parameters<typeof findDeadlines>[1]): Promise<Deadline[] | undefined> {
    try {
      return (await findDeadlines(this.db, filter)).items;
    } catch (error) {
      if (sqlState(error) === UNDEFINED_TABLE) return undefined;
      throw error;
    }
  }
}
