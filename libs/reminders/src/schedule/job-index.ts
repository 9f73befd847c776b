import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Moment } from '../policy/reminder-policy';

const PENDING = new Set(['delayed', 'waiting', 'prioritized']);
const ADD_CHUNK = 500;
const LOOKUP_CHUNK = 1_000;

/**
 * The reminder queue seen by job id: which ids exist, which are pending, adding and
 * removing them. Ids are read from BullMQ's own sets and lists, never a job's whole hash,
 * so even a full reconcile of half a million jobs reads only their ids.
 */
export class JobIndex {
  constructor(
    private readonly queue: Queue,
    private readonly client: Redis,
  ) {}

  /** The deadlines checkpoint the schedule was last reconciled to; undefined when Redis has no record (new, or emptied). */
  async scheduledUpTo(): Promise<number | undefined> {
    const value = await this.client.get(this.positionKey);
    return value === null ? undefined : Number(value);
  }

  async markScheduledUpTo(position: number): Promise<void> {
    await this.client.set(this.positionKey, String(position));
  }

  async pendingIds(): Promise<string[]> {
    const { client } = this;
    const { keys } = this.queue;
    const [delayed, waiting, prioritized, paused] = await Promise.all([
      client.zrange(keys.delayed, '0', '-1'),
      client.lrange(keys.wait, 0, -1),
      client.zrange(keys.prioritized, '0', '-1'),
      client.lrange(keys.paused, 0, -1),
    ]);
    return [...new Set([...delayed, ...waiting, ...prioritized, ...paused])];
  }

  /**
   * Which of these ids Redis holds a job for, in any state (BullMQ would ignore adding them
   * again). Ids in `pending` (just read by pendingIds) are known to exist and not looked up.
   */
  async existing(ids: readonly string[], pending: ReadonlySet<string> = new Set()): Promise<Set<string>> {
    const { client } = this;
    const found = new Set(ids.filter((id) => pending.has(id)));
    const unknown = ids.filter((id) => !found.has(id));
    for (let i = 0; i < unknown.length; i += LOOKUP_CHUNK) {
      const chunk = unknown.slice(i, i + LOOKUP_CHUNK);
      const pipeline = client.pipeline();
      for (const id of chunk) pipeline.exists(this.queue.toKey(id));
      const results = (await pipeline.exec()) ?? [];
      results.forEach(([error, exists]: [Error | null, unknown], j: number) => {
        if (!error && Number(exists) > 0) found.add(chunk[j]);
      });
    }
    return found;
  }

  /** Removes those of these ids that are pending (a job running, done or failed is left as it is); returns how many. */
  async removePending(ids: readonly string[]): Promise<number> {
    const existing = await this.existing(ids);
    let removed = 0;
    for (const id of existing) {
      if (!PENDING.has(await this.queue.getJobState(id))) continue;
      removed += (await this.queue.remove(id)) > 0 ? 1 : 0;
    }
    return removed;
  }

  /** Adds the moments' jobs; a chunk Redis refuses is added job by job, and what still fails is returned. */
  async add(moments: readonly Moment[], now: Date): Promise<Array<[Moment, Error]>> {
    const failed: Array<[Moment, Error]> = [];
    const job = (m: Moment) => ({ name: m.job.name, data: m.job.data, opts: { jobId: m.jobId, delay: Math.max(0, m.at.getTime() - now.getTime()) } });
    for (let i = 0; i < moments.length; i += ADD_CHUNK) {
      const chunk = moments.slice(i, i + ADD_CHUNK);
      try {
        await this.queue.addBulk(chunk.map(job));
      } catch {
        for (const m of chunk) {
          const { name, data, opts } = job(m);
          await this.queue.add(name, data, opts).catch((error: Error) => failed.push([m, error]));
        }
      }
    }
    return failed;
  }

  private get positionKey(): string {
    return this.queue.toKey('schedule-position');
  }
}
