import type { Actor } from '@app/event-store';

/** Who asks, why, and when: filled by the adapter (HTTP, CLI, job), never by the domain. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The id of what caused this command (the request, the job, the event). */
  readonly causationId: string;
  /** Business time of the command (ISO 8601, Europe/London offset). */
  readonly occurredAt: string;
  /** `If-Match`: the revision the caller last saw. */
  readonly expectedRevision?: number;
  /** `Idempotency-Key`: a retried command with the same key returns the first result. */
  readonly idempotencyKey?: string;
  /** Fingerprint of the request, to refuse a key reused for a different request. */
  readonly requestFingerprint?: string;
}
