import { Command, CommandRunner, Option } from 'nest-commander';
import { businessDateOf, DomainError } from '@app/domain';
import { ErasureService } from '@app/personal-data';
import { Clock } from '@app/platform';
import { cliContext } from './cli-context';
import { progressBar } from './progress';

@Command({
  name: 'erase',
  description:
    "Erase a data subject's personal data: records PersonalDataErased (who, why, under which retention rules) and destroys " +
    "the subject's key, so every field sealed under it reads as erased while every hash still verifies. Refused while a case " +
    'holding the data is on legal hold.',
})
export class EraseCommand extends CommandRunner {
  constructor(
    private readonly erasure: ErasureService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_: string[], options: { subject?: string; reason?: string }): Promise<void> {
    if (!options.subject || !options.reason) {
      process.stderr.write('erase needs --subject <id or contact email> and --reason "<why>"\n');
      process.exitCode = 2;
      return;
    }
    const now = this.clock.now();
    const context = cliContext(now);
    const bar = progressBar('Searching the log');
    try {
      const erased = await this.erasure.erase(
        { subject: options.subject, reason: options.reason, on: businessDateOf(now), metadata: context },
        (done) => bar.update(done, Math.max(done, 1), ''),
      );
      bar.stop();
      const rules = erased.data.retention.map((r) => `${r.eventType}: ${r.retentionClass}`).join(', ') || 'none';
      process.stdout.write(
        `Erased subject ${erased.subjectId}: key destroyed; PersonalDataErased at global position ${erased.event.globalPosition} ` +
          `on ${erased.event.streamId}.\nStreams holding its fields: ${erased.data.streams.join(', ') || 'none'}\nRetention rules: ${rules}\n`,
      );
    } catch (error) {
      bar.stop();
      if (!(error instanceof DomainError)) throw error;
      process.stderr.write(`Refused (${error.code}): ${error.message}\n`);
      process.exitCode = 1;
    }
  }

  @Option({ flags: '--subject <id>', description: "the data subject's id (from the log) or contact email" })
  parseSubject(value: string): string {
    return value;
  }

  @Option({ flags: '--reason <text>', description: 'why: the retention period ended, a right-to-erasure request (its reference)…' })
  parseReason(value: string): string {
    return value;
  }
}
