import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AUDIT_LOG, type AuditLog, caseHistory } from '@app/audit';
import type { StoredEvent } from '@app/event-store';

const london = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
const when = (iso: string) => london.format(new Date(iso));

function line(event: StoredEvent): string {
  const { actor, occurredAt, recordedAt } = event.metadata;
  const who = `${actor.id} (${actor.role}${actor.locality ? `, ${actor.locality}` : ''})`;
  return [
    `#${event.revision} @${event.globalPosition} ${event.type}`,
    `    occurred ${when(occurredAt)}, recorded ${when(recordedAt)} by ${who}`,
    `    correlation ${event.metadata.correlationId}, causation ${event.metadata.causationId}`,
    `    hash ${event.hash} (previous ${event.previousHash ?? 'none'})`,
  ].join('\n');
}

@Command({
  name: 'history',
  arguments: '<caseId>',
  description: "A case's every event in order: who, when (business and recorded), why (correlation, causation), hashes",
})
export class HistoryCommand extends CommandRunner {
  constructor(@Inject(AUDIT_LOG) private readonly log: AuditLog) {
    super();
  }

  async run([caseId]: string[], options: { json?: boolean }): Promise<void> {
    const history = await caseHistory(this.log, caseId);
    if (options.json) {
      process.stdout.write(history.items.map((event) => `${JSON.stringify(event)}\n`).join(''));
      return;
    }
    const chain = history.chain.ok
      ? `hash chain intact over ${history.count} event(s)`
      : `HASH CHAIN BROKEN at revision ${history.chain.revision} (global position ${history.chain.globalPosition}): ${history.chain.reason}`;
    process.stdout.write(`${history.streamId}: ${history.count} event(s); ${chain}\n${history.items.map(line).join('\n')}\n`);
    if (!history.chain.ok) process.exitCode = 1;
  }

  @Option({ flags: '--json', description: 'one stored event per line (JSONL), full envelope' })
  parseJson(): boolean {
    return true;
  }
}
