import { Injectable, type OnModuleInit, type PipeTransform, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
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
import { StepsController } from '../../cases/steps.controller';
import { PaymentsController } from '../../payments/payments.controller';

const CASE_CONTROLLERS: Type[] = [
  DirectController, CoCommissioningController, PlfController, GrantController, ContractController, ProposalClosingController, StepsController, PaymentsController,
];
const ROUTE_PATH = 'path';

type Handler = (...args: unknown[]) => Promise<unknown>;

/** One argument of a route handler, as Nest's @Param/@Body/@Req/@Res decorators declare it. */
interface Argument {
  readonly kind: RouteParamtypes;
  readonly index: number;
  readonly data?: string;
  readonly pipes: readonly PipeTransform[];
}

interface Route {
  readonly dto: Type;
  readonly args: readonly Argument[];
  readonly handle: Handler;
}

function argumentsOf(controller: Type, method: string): Argument[] {
  const declared = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: string; pipes?: PipeTransform[] }>;
  return Object.entries(declared).map(([key, arg]) => ({ kind: Number(key.split(':')[0]) as RouteParamtypes, index: arg.index, data: arg.data, pipes: arg.pipes ?? [] }));
}

/**
 * A case command from a web form goes through the API's own route handler: the same DTO
 * and validation (so the same refusals, naming the same fields), the same pipes on its path
 * parameters, the same mapping to the command, the same CommandBus. The handlers are found
 * by their route, `:caseId/<path>` as CASE_COMMAND_ACCESS names it.
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
        const args = argumentsOf(type, name);
        const body = args.find((arg) => arg.kind === RouteParamtypes.BODY);
        if (!body) throw new Error(`The API route for ${path} takes no body`);
        const dto = (Reflect.getMetadata('design:paramtypes', prototype, name) as Type[])[body.index];
        this.routes.set(path, { dto, args, handle: controller[name].bind(controller) as Handler });
      }
    }
  }

  has(path: string): boolean {
    return this.routes.has(path);
  }

  /**
   * Validates the body and the path's parameters as the API would and runs the command;
   * the caller was admitted by the guard.
   */
  async run(path: string, params: Record<string, string>, caseId: string, body: Record<string, unknown>, request: Request, response: Response): Promise<unknown> {
    const route = this.routes.get(path);
    if (!route) throw new Error(`No API route for the case command at ${path}`);
    const dto: unknown = await this.pipe.transform(body, { type: 'body', metatype: route.dto });
    // The business date and the request's fingerprint are read from the body, as the API reads them.
    request.body = body;
    const values: unknown[] = [];
    const given: Record<string, string> = { ...params, caseId };
    for (const arg of route.args) {
      if (arg.kind === RouteParamtypes.BODY) values[arg.index] = dto;
      else if (arg.kind === RouteParamtypes.REQUEST) values[arg.index] = request;
      else if (arg.kind === RouteParamtypes.RESPONSE) values[arg.index] = response;
      else if (arg.kind === RouteParamtypes.PARAM && arg.data) {
        let value: unknown = given[arg.data];
        for (const pipe of arg.pipes) value = await pipe.transform(value, { type: 'param', data: arg.data });
        values[arg.index] = value;
      } else throw new Error(`The API route for ${path} takes an argument a form cannot give`);
    }
    return route.handle(...values);
  }
}
