import { sqlState, type SqlQueryable } from '@app/database';
import { frameworkStreamId, parseDeadlineKey } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { type Deadline, findDeadlines } from '@app/projections/deadlines';
import { type ReminderPolicies, reminderPoliciesOf } from '../policy/reminder-policy';

const UNDEFINED_TABLE = '42P01';

interface FrameworkFacts {
  readonly policies: ReminderPolicies;
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

  async find(deadlineKey: string): Promise<Deadline | undefined> {
    const ref = parseDeadlineKey(deadlineKey);
    if (!ref) return undefined;
    const rows = await this.query({ caseId: ref.caseId });
    return rows?.find((d) => d.key === deadlineKey);
  }

  /** The framework's reminder policies for the year (none: each workflow's own offsets). */
  async policies(financialYear: string): Promise<ReminderPolicies> {
    return (await this.framework(financialYear))?.policies ?? {};
  }

  /** "Hinckley and Bosworth" for "hinckley-and-bosworth", as the year's framework names it. */
  async localityName(financialYear: string, slug: string | null): Promise<string | undefined> {
    if (!slug) return undefined;
    return (await this.framework(financialYear))?.localities.get(slug);
  }

  /**
   * What the scheduler and the email need of a year's framework, from its FrameworkImported
   * event. A framework never changes once imported, so a found one is kept; a year not
   * imported yet is asked again next time.
   */
  private async framework(financialYear: string): Promise<FrameworkFacts | undefined> {
    const cached = this.frameworks.get(financialYear);
    if (cached) return cached;
    const [imported] = await this.store.readStream(frameworkStreamId(financialYear), { from: 0, to: 0 });
    if (!imported) return undefined;
    const data = imported.data as { localities?: Array<{ slug: string; name: string }> };
    const facts = { policies: reminderPoliciesOf(data), localities: new Map((data.localities ?? []).map((l) => [l.slug, l.name])) };
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
