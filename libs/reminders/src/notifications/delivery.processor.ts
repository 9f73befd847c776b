import { type Job, UnrecoverableError } from 'bullmq';
import type { SqlQueryable } from '@app/database';
import { caseDecider, fold, upcastCase } from '@app/domain';
import type { EventStore } from '@app/event-store';
import type { MailSettings } from '../reminder-settings';
import type { DeadlineSource } from '../schedule/deadline-source';
import type { Mailer } from './mailer';
import { NOTIFYING_TYPES, type NotifyingEvent, renderNotification } from './notification.render';

export interface DeliveryHooks {
  readonly beforeSend?: (job: Job) => Promise<void> | void;
}

/**
 * Sends one notification. The outbox row says whether it has gone: checked before
 * sending, marked right after. BullMQ's job lock keeps two workers off the same event at
 * once; what no lock can cover is a crash after the SMTP server accepted the message but
 * before the row is marked — then the retry sends it again, under the same Message-ID, so
 * a mail client shows it once.
 */
export class DeliveryProcessor {
  constructor(
    private readonly db: SqlQueryable,
    private readonly store: EventStore,
    private readonly source: DeadlineSource,
    private readonly mailer: Mailer,
    private readonly mail: MailSettings,
    private readonly hooks: DeliveryHooks = {},
  ) {}

  async process(job: Job): Promise<string> {
    const { eventId, streamId } = job.data as { eventId: string; streamId: string };
    const { rows } = await this.db.query<{ sent_at: string | null }>('select sent_at from notification_outbox where event_id = $1', [eventId]);
    if (rows.length === 0) throw new UnrecoverableError(`event ${eventId} is not in the notification outbox`);
    if (rows[0].sent_at) return `already sent at ${rows[0].sent_at}`;

    const history = (await this.store.readStream(streamId)).map((stored) => ({ stored, event: upcastCase(stored) }));
    const found = history.find((h) => h.stored.id === eventId);
    if (!found || !NOTIFYING_TYPES.has(found.event.type)) {
      throw new UnrecoverableError(`event ${eventId} of ${streamId} is not a reminder, a missed deadline or a payment withheld or released`);
    }
    const state = fold(caseDecider, history.map((h) => h.event));
    if (state.status !== 'open') throw new UnrecoverableError(`${streamId} is not an open case`);
    const localityName = await this.source.localityName(state.profile.financialYear, state.profile.locality);
    const email = renderNotification({ eventId, event: found.event as NotifyingEvent, state, localityName }, this.mail);

    await this.hooks.beforeSend?.(job);
    const receipt = await this.mailer.send(email, eventId);
    await this.db.query('update notification_outbox set sent_at = now(), receipt = $2 where event_id = $1', [eventId, receipt]);
    return receipt;
  }
}
