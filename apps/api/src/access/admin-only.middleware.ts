import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AccessPolicy } from './access-policy';

/**
 * Everything under /admin (Bull Board at /admin/queues) is mounted on Express directly,
 * out of reach of the guard, so the same policy runs here: admin only.
 */
@Injectable()
export class AdminOnlyMiddleware implements NestMiddleware {
  constructor(private readonly policy: AccessPolicy) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    await this.policy.admit(request, response, { grants: ['admin'] });
    next();
  }
}
