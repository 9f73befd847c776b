import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { businessDateOf } from '@app/domain';
import { type CommandContext, occurredAtFor } from '@app/platform';

/** Commands run from the CLI act as the operating-system user, in the admin role. */
export function cliContext(now: Date, actorId = safeUser()): CommandContext {
  return {
    actor: { id: actorId, role: 'admin' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: occurredAtFor(businessDateOf(now), now),
  };
}

function safeUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
