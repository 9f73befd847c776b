import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ACCESS_RULE, type AccessRule } from '@app/auth';
import { AccessPolicy } from './access-policy';

/** The global guard: each route's @Roles or @Public (the method's over its controller's), or deny. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: AccessPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    const http = context.switchToHttp();
    await this.policy.admit(http.getRequest<Request>(), http.getResponse<Response>(), rule);
    return true;
  }
}
