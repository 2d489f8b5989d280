// The one error type the services throw, and the one middleware that turns any error into a JSON body.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

/** Errors raised by body-parser carry a `type`; these are the ones a client causes. */
const bodyParserErrors: Record<string, { code: string; message: string }> = {
  'entity.parse.failed': { code: 'invalid-json', message: 'The request body is not valid JSON' },
  'entity.too.large': { code: 'payload-too-large', message: 'The request body is too large' },
  'encoding.unsupported': { code: 'unsupported-encoding', message: 'The request body encoding is not supported' },
  'charset.unsupported': { code: 'unsupported-charset', message: 'The request body charset is not supported' },
  'request.aborted': { code: 'request-aborted', message: 'The request was aborted' },
  'request.size.invalid': { code: 'invalid-content-length', message: 'The request body length does not match Content-Length' },
  'stream.encoding.set': { code: 'invalid-request', message: 'The request could not be read' },
  'parameters.too.many': { code: 'too-many-parameters', message: 'The request has too many parameters' },
};

/** Says which errors of a driver or client are not bugs: a store that is busy or down is a 503, never a 500. */
export type ErrorTranslator = (err: unknown) => AppError | undefined;
const translators = new Set<ErrorTranslator>();

/** Called by the plumbing that owns a driver (the PostgreSQL package), once per translator. */
export function translateErrors(translator: ErrorTranslator): void {
  translators.add(translator);
}

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  for (const translate of translators) {
    const translated = translate(err);
    if (translated) return translated;
  }
  if (err instanceof ZodError) {
    const details = err.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    return new AppError('validation-failed', 400, 'The request is not valid', details);
  }
  if (typeof err === 'object' && err !== null && 'type' in err && 'status' in err) {
    const known = bodyParserErrors[String(err.type)];
    const status = Number(err.status);
    if (known && status >= 400 && status < 500) return new AppError(known.code, status, known.message);
  }
  return undefined;
}

export function sendError(res: Parameters<RequestHandler>[1], requestId: string, error: AppError): void {
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  res.status(error.httpStatus).json(body);
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(req.id ?? '');
    const known = toAppError(err);
    if (res.headersSent) {
      logger.error({ err, requestId }, 'error after the response started');
      res.destroy();
      return;
    }
    if (known) {
      sendError(res, requestId, known);
      return;
    }
    logger.error({ err, requestId }, 'unhandled error');
    sendError(res, requestId, new AppError('internal-error', 500, 'Something went wrong on our side'));
  };
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError('not-found', 404, `No route for ${req.method} ${req.path}`);
};
