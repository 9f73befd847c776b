import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseCommand, FrameworkCommand } from '@app/domain';
import type { CommandContext } from '@app/platform';
import { CaseService } from './cases/case.service';
import { FrameworkService, type ImportProgress } from './frameworks/framework.service';

/** The CommandBus messages: transports build these; the handlers run the use cases. */
export class RunCaseCommand {
  constructor(
    readonly caseId: string,
    readonly command: CaseCommand,
    readonly context: CommandContext,
  ) {}
}

export class RunFrameworkCommand {
  constructor(
    readonly financialYear: string,
    readonly command: FrameworkCommand,
    readonly context: CommandContext,
  ) {}
}

export class ImportFrameworkDocument {
  constructor(
    readonly document: unknown,
    readonly context: CommandContext,
    readonly onProgress?: ImportProgress,
  ) {}
}

@CommandHandler(RunCaseCommand)
export class RunCaseCommandHandler implements ICommandHandler<RunCaseCommand> {
  constructor(private readonly cases: CaseService) {}
  execute({ caseId, command, context }: RunCaseCommand) {
    return this.cases.execute(caseId, command, context);
  }
}

@CommandHandler(RunFrameworkCommand)
export class RunFrameworkCommandHandler implements ICommandHandler<RunFrameworkCommand> {
  constructor(private readonly frameworks: FrameworkService) {}
  execute({ financialYear, command, context }: RunFrameworkCommand) {
    return this.frameworks.execute(financialYear, command, context);
  }
}

@CommandHandler(ImportFrameworkDocument)
export class ImportFrameworkDocumentHandler implements ICommandHandler<ImportFrameworkDocument> {
  constructor(private readonly frameworks: FrameworkService) {}
  execute({ document, context, onProgress }: ImportFrameworkDocument) {
    return this.frameworks.importDocument(document, context, onProgress);
  }
}
