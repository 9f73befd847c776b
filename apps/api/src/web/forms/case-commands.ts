import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request, Response } from 'express';
import { commandAtPath } from '@app/auth';
import { strictValidationPipe } from '@app/platform';
import { CoCommissioningController } from '../../cases/co-commissioning.controller';
import { ContractController } from '../../cases/contract.controller';
import { DirectController } from '../../cases/direct.controller';
import { GrantController } from '../../cases/grant.controller';
import { PlfController } from '../../cases/plf.controller';
import { ProposalClosingController } from '../../cases/proposal-closing.controller';

const CASE_CONTROLLERS: Type[] = [DirectController, CoCommissioningController, PlfController, GrantController, ContractController, ProposalClosingController];
const ROUTE_PATH = 'path';

type Handler = (caseId: string, body: unknown, request: Request, response: Response) => Promise<unknown>;

interface Route {
  readonly dto: Type;
  readonly handle: Handler;
}

/**
 * A case command from a web form goes through the API's own route handler: the same DTO
 * and validation (so the same refusals, naming the same fields), the same mapping to the
 * command, the same CommandBus. The handlers are found by their route, `:caseId/<path>`.
 */
@Injectable()
export class CaseCommands implements OnModuleInit {
  private readonly routes = new Map<string, Route>();
  private readonly pipe = strictValidationPipe();

  constructor(private readonly modules: ModuleRef) {}

  onModuleInit(): void {
    for (const type of CASE_CONTROLLERS) {
      const controller = this.modules.get(type, { strict: false }) as Record<string, Handler>;
      const prototype = Object.getPrototypeOf(controller) as object;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const route = Reflect.getMetadata(ROUTE_PATH, (prototype as Record<string, unknown>)[name] as object) as string | undefined;
        const path = route?.startsWith(':caseId/') ? route.slice(':caseId/'.length) : undefined;
        if (!path || !commandAtPath(path)) continue;
        const dto = (Reflect.getMetadata('design:paramtypes', prototype, name) as Type[])[1];
        this.routes.set(path, { dto, handle: controller[name].bind(controller) as Handler });
      }
    }
  }

  has(path: string): boolean {
    return this.routes.has(path);
  }

  /** Validates the body as the API would and runs the command; the caller was admitted by the guard. */
  async run(path: string, caseId: string, body: Record<string, unknown>, request: Request, response: Response): Promise<unknown> {
    const route = this.routes.get(path);
    if (!route) throw new Error(`No API route for the case command at ${path}`);
    const dto: unknown = await this.pipe.transform(body, { type: 'body', metatype: route.dto });
    // The business date and the request's fingerprint are read from the body, as the API reads them.
    request.body = body;
    return route.handle(caseId, dto, request, response);
  }
}
