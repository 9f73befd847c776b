import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isInputRefused } from './input/input-refused';
import { INPUT_LIMITS } from './input/input-limits';
import { type FieldError, type ProblemDetails, problemType, statusForCode, titleFor } from './problem-details';

/** An error that carries a stable code (domain refusals, event store errors). */
interface CodedError {
  code: string;
  message: string;
  field?: string;
  reason?: string;
  details?: Record<string, unknown>;
}

const isCoded = (error: unknown): error is CodedError =>
  error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /^[A-Z_]+$/.test((error as unknown as CodedError).code);

/** Turns every error into application/problem+json; never leaks a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(error), instance: request.originalUrl };
    const retryAfter = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    if (problem.status === 503) this.logger.warn(`${request.method} ${request.originalUrl}: ${problem.detail}`);
    else if (problem.status >= 500) this.logger.error(`${request.method} ${request.originalUrl}`, (error as Error)?.stack);
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  toProblem(error: unknown): ProblemDetails {
    if (isInputRefused(error)) return error.problem;
    const parser = fromBodyParser(error);
    if (parser) return parser;
    if (error instanceof HttpException) return fromHttpException(error);
    if (isCoded(error)) {
      const errors: FieldError[] | undefined = error.field ? [{ field: error.field, reason: error.reason ?? error.message }] : undefined;
      return {
        type: problemType(error.code),
        title: titleFor(error.code),
        status: statusForCode(error.code),
        detail: error.message,
        code: error.code,
        ...(errors ? { errors } : {}),
        ...(error.details ?? {}),
      };
    }
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'An unexpected error occurred; it has been logged.',
    };
  }
}

function fromHttpException(error: HttpException): ProblemDetails {
  const status = error.getStatus();
  const body = error.getResponse();
  if (typeof body === 'object' && body !== null && 'type' in body && 'title' in body) {
    return { ...(body as ProblemDetails), status };
  }
  const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
  const title = HttpStatus[status] ? titleFor(HttpStatus[status]) : 'Error';
  return {
    type: 'about:blank',
    title,
    status,
    detail: Array.isArray(message) ? message.join('; ') : String(message),
  };
}

/** The JSON body parser's own refusals (malformed JSON, too large), as coded problems naming the body. */
function fromBodyParser(error: unknown): ProblemDetails | undefined {
  const raw = error instanceof HttpException ? (error.cause ?? error) : error;
  const type = (raw as { type?: unknown } | null)?.type;
  const message = error instanceof Error ? error.message : '';
  const malformed = type === 'entity.parse.failed' || (error instanceof HttpException && error.getStatus() === 400 && /JSON/.test(message) && !(error.getResponse() as { code?: string }).code);
  if (malformed) return coded('MALFORMED_JSON', 'the request body is not valid JSON', '(body)', 'is not valid JSON');
  if (type === 'entity.too.large') {
    return coded('PAYLOAD_TOO_LARGE', `the request body is larger than the ${INPUT_LIMITS.bodyLabel} the API accepts`, '(body)', `is larger than ${INPUT_LIMITS.bodyLabel}`);
  }
  if (type === 'charset.unsupported') return coded('UNSUPPORTED_MEDIA_TYPE', 'send application/json in UTF-8', 'Content-Type', 'names a charset other than UTF-8');
  if (type === 'encoding.unsupported') return coded('UNSUPPORTED_MEDIA_TYPE', 'send the body uncompressed, gzip or deflate', 'Content-Encoding', 'is not a content coding the API reads');
  if (typeof type === 'string' && /^(request|stream)\./.test(type)) return coded('MALFORMED_REQUEST', 'the request body could not be read whole', '(body)', 'was cut short or sized wrongly');
  return undefined;
}

function coded(code: string, detail: string, field: string, reason: string): ProblemDetails {
  return { type: problemType(code), title: titleFor(code), status: statusForCode(code), detail, code, errors: [{ field, reason }] };
}
