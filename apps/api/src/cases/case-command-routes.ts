import type { PipeTransform, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { commandAtPath } from '@app/auth';
import { PaymentsController } from '../payments/payments.controller';
import { CoCommissioningController } from './co-commissioning.controller';
import { ContractController } from './contract.controller';
import { DirectController } from './direct.controller';
import { GrantController } from './grant.controller';
import { PlfController } from './plf.controller';
import { ProposalClosingController } from './proposal-closing.controller';
import { StepsController } from './steps.controller';

const ROUTE_PATH = 'path';

/** Every controller of commands on an existing case: the web app's forms post through their handlers. */
export const CASE_CONTROLLERS: Type[] = [
  DirectController, CoCommissioningController, PlfController, GrantController, ContractController, ProposalClosingController, StepsController, PaymentsController,
];

/** One argument of a route handler, as Nest's @Param/@Body/@Req/@Res decorators declare it. */
export interface Argument {
  readonly kind: RouteParamtypes;
  readonly index: number;
  readonly data?: string;
  readonly pipes: readonly PipeTransform[];
}

function argumentsOf(controller: Type, method: string): Argument[] {
  const declared = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: string; pipes?: PipeTransform[] }>;
  return Object.entries(declared).map(([key, arg]) => ({ kind: Number(key.split(':')[0]) as RouteParamtypes, index: arg.index, data: arg.data, pipes: arg.pipes ?? [] }));
}

/** The routes of a controller that give a case command (`:caseId/<path>` of CASE_COMMAND_ACCESS), each with its body's request class. */
export function caseCommandRoutes(controller: Type): { method: string; path: string; dto: Type; args: Argument[] }[] {
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((method) => {
    const route = Reflect.getMetadata(ROUTE_PATH, prototype[method] as object) as string | undefined;
    const path = route?.startsWith(':caseId/') ? route.slice(':caseId/'.length) : undefined;
    if (!path || !commandAtPath(path)) return [];
    const args = argumentsOf(controller, method);
    const body = args.find((arg) => arg.kind === RouteParamtypes.BODY);
    if (!body) throw new Error(`The API route for ${path} takes no body`);
    const dto = (Reflect.getMetadata('design:paramtypes', prototype, method) as Type[])[body.index];
    return [{ method, path, dto, args }];
  });
}

