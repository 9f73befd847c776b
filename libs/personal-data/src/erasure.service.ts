import { randomUUID } from 'node:crypto';
import { caseDecider, DomainError, decideErasure, erasureStreamId, fold, type PersonalDataErased, upcastCase } from '@app/domain';
import type { EventMetadata, EventStore, StoredEvent } from '@app/event-store';
import { sealedSubject } from './sealed-value';
import type { SubjectKeys } from './subject-keys';

export interface ErasureRequest {
  /** The subject's id, or its reference (contact:jo@example.org, or the email alone). */
  readonly subject: string;
  readonly reason: string;
  /** Business date of the erasure (Europe/London). */
  readonly on: string;
  readonly metadata: EventMetadata;
}

export interface ErasureOutcome {
  readonly subjectId: string;
  readonly event: StoredEvent;
  readonly data: PersonalDataErased['data'];
}

/**
 * Crypto-shredding: find where the subject's sealed fields are, refuse while any of those
 * cases is on legal hold, record PersonalDataErased (who, why, which retention rules), then
 * destroy the key. The record comes first: a crash before the key goes leaves an erasure
 * that running the command again completes.
 */
export class ErasureService {
  constructor(
    private readonly store: EventStore,
    private readonly keys: SubjectKeys,
  ) {}

  async erase(request: ErasureRequest, onProgress: (done: number) => void = () => undefined): Promise<ErasureOutcome> {
    const subjectId = await this.keys.resolve(request.subject);
    if (!subjectId) throw DomainError.field('NOT_FOUND', 'subject', `no data subject "${request.subject}" has personal data in the log`);
    const streamId = erasureStreamId(subjectId);
    const recorded = await this.store.readStream(streamId);
    if (recorded.length > 0) {
      // Recorded, but perhaps the key survived a crash: finish the erasure, and say it was done before.
      await this.keys.destroy(subjectId, recorded[0].id);
      throw new DomainError('ALREADY_ERASED', `Subject ${subjectId} was erased on ${(recorded[0].data as { erasedOn: string }).erasedOn}`);
    }
    const occurrences = await this.occurrencesOf(subjectId, onProgress);
    const holds = await this.holdsOn([...new Set(occurrences.map((o) => o.streamId))]);
    const decided = decideErasure({ subjectId, reason: request.reason, on: request.on, occurrences, holds, alreadyErased: await this.keys.isErased(subjectId) });
    const id = randomUUID();
    await this.store.appendToStream(streamId, decided.map((event) => ({ id, type: event.type, data: event.data, metadata: request.metadata })), {
      expected: 'no_stream',
    });
    await this.keys.destroy(subjectId, id);
    const [event] = await this.store.readStream(streamId);
    return { subjectId, event, data: decided[0].data };
  }

  /**
   * Every event holding a field sealed under the subject's key, by walking the log once, up
   * to the newest event stored when the walk began: the log is read only below transactions
   * still in flight, so an empty page before the head means "not visible yet", not "done".
   */
  private async occurrencesOf(subjectId: string, onProgress: (done: number) => void) {
    const found: Array<{ streamId: string; eventType: string }> = [];
    const head = (await (this.store as EventStore & { headPosition?: () => Promise<number> }).headPosition?.()) ?? 0;
    const deadline = Date.now() + 60_000;
    let after = 0;
    let done = 0;
    for (;;) {
      const page = await this.store.readAll({ after, limit: 1000 });
      if (page.length === 0 && after < head) {
        // Never erase on a partial search: a hold on a case not yet seen would be missed.
        if (Date.now() > deadline) throw new Error(`the log could not be read to position ${head} within 60 s: nothing was erased; try again`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      if (page.length === 0) break;
      for (const event of page) if (mentions(event.data, subjectId)) found.push({ streamId: event.streamId, eventType: event.type });
      after = page[page.length - 1].globalPosition;
      done += page.length;
      onProgress(done);
    }
    return found;
  }

  private async holdsOn(streamIds: readonly string[]) {
    const holds: Array<{ streamId: string; reason: string }> = [];
    for (const streamId of streamIds.filter((id) => id.startsWith('case-'))) {
      const history = await this.store.readStream(streamId);
      const state = fold(caseDecider, history.map(upcastCase));
      if (state.status === 'open' && state.legalHold) holds.push({ streamId, reason: state.legalHold.reason });
    }
    return holds;
  }
}

function mentions(value: unknown, subjectId: string): boolean {
  if (typeof value === 'string') return sealedSubject(value) === subjectId;
  if (Array.isArray(value)) return value.some((item) => mentions(item, subjectId));
  if (value && typeof value === 'object') return Object.values(value).some((item) => mentions(item, subjectId));
  return false;
}
