import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModuleRef } from '@nestjs/core';
import type { Request, Response } from 'express';
import { strictValidationPipe } from '@app/platform';
import { type Argument, CASE_CONTROLLERS, caseCommandRoutes } from '../../cases/case-command-routes';

type Handler = (...args: unknown[]) => Promise<unknown>;

interface Route {
  readonly dto: Type;
  readonly args: readonly Argument[];
  readonly handle: Handler;
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
      for (const { method, path, dto, args } of caseCommandRoutes(type)) {
        this.routes.set(path, { dto, args, handle: controller[method].bind(controller) as Handler });
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
