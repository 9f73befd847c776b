import { readFile } from 'node:fs/promises';
import { CommandBus } from '@nestjs/cqrs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { ImportFrameworkDocument, type ImportReport } from '@app/commissioning';
import { Clock } from '@app/platform';
import { cliContext } from './cli-context';
import { progressBar } from './progress';

@Command({
  name: 'import',
  arguments: '<file>',
  description: "Import a year's framework document (e.g. infra/seed/framework-2016-17.json); safe to run twice",
})
export class ImportCommand extends CommandRunner {
  constructor(
    private readonly bus: CommandBus,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run([file]: string[], options: { as?: string }): Promise<void> {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const bar = progressBar('Importing');
    let report: ImportReport;
    try {
      report = await this.bus.execute(
        new ImportFrameworkDocument(document, cliContext(this.clock.now(), options.as), (done, total, item) => bar.update(done, total, item)),
      );
    } finally {
      bar.stop();
    }
    process.stdout.write(
      `${report.financialYear}: framework ${report.frameworkImported ? 'imported' : 'already present'}; ` +
        `${report.casesOpened} case(s) opened, ${report.casesAlreadyPresent} already present, of ${report.lines} lines\n`,
    );
  }

  @Option({ flags: '--as <actor>', description: 'actor id recorded on the events (default: cli:<os user>)' })
  parseAs(value: string): string {
    return value;
  }
}
