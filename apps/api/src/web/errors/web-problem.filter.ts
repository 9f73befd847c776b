import { type ArgumentsHost, Catch, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemDetailsFilter } from '@app/platform';
import { WebPage } from '../views/page';

/** The web app's pages: its home at / and everything under /app. */
export const isWebPage = (path: string): boolean => path === '/' || path === '/app' || path.startsWith('/app/');

const TITLES: Record<number, string> = {
  403: 'You do not have access to this page',
  404: 'Page not found',
  500: 'Sorry, there is a problem with the service',
  503: 'Sorry, the service is unavailable',
};
/** Where a refusal's code says more than its status. */
const TITLES_BY_CODE: Record<string, string> = {
  SIGN_IN_FAILED: 'You could not be signed in',
};

/**
 * One filter for every error. The JSON API answers problem+json as it always has; a web page
 * answers a GOV.UK error page whose error summary is the same problem's detail and fields,
 * and a page asked for by nobody signed in sends them to sign in.
 */
@Catch()
@Injectable()
export class WebProblemFilter extends ProblemDetailsFilter {
  private readonly log = new Logger('Web');

  constructor(private readonly page: WebPage) {
    super();
  }

  override catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (!isWebPage(request.path) || response.headersSent) return super.catch(error, host);
    const problem = { ...this.toProblem(error), instance: request.originalUrl };
    if (problem.status === 401) {
      response.redirect(303, '/');
      return;
    }
    if (problem.status >= 500) this.log.error(`${request.method} ${request.originalUrl}`, (error as Error)?.stack);
    const title = (problem.code && TITLES_BY_CODE[problem.code]) ?? TITLES[problem.status] ?? (problem.status >= 500 ? TITLES[500] : problem.title);
    response.send(this.page.html(request, response, 'error.njk', { title, problem }, problem.status));
  }
}
