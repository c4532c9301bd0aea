/**
 * The JSON body parser every service uses, bounded by HTTP_BODY_LIMIT_BYTES, and the
 * answer when a body cannot be read: an RFC 9457 problem (`application/problem+json`)
 * with a stable code, e.g. 400 `REQUEST.MALFORMED_JSON` or 413 `REQUEST.BODY_TOO_LARGE`.
 *
 * Body-parser errors happen before routing, so no controller's exception filter sees
 * them, and Nest's own handler answers them in its default shape. This handler is an
 * Express error middleware placed right after the parser, where the error still carries
 * body-parser's `type`; anything else passes on untouched. The detail never echoes the
 * body (a parse error message quotes it).
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { ProblemError, sendProblem } from '@chargeledger/platform/http';

interface BodyProblem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  detail(limitBytes: number): string;
}

const BODY_PROBLEMS: Readonly<Record<string, BodyProblem>> = {
  'entity.parse.failed': {
    status: 400,
    code: 'REQUEST.MALFORMED_JSON',
    title: 'The request body is not valid JSON',
    detail: () => 'the request body could not be parsed as JSON',
  },
  'entity.too.large': {
    status: 413,
    code: 'REQUEST.BODY_TOO_LARGE',
    title: 'The request body is too large',
    detail: (limitBytes) => `the request body exceeds ${limitBytes} bytes`,
  },
  'encoding.unsupported': {
    status: 415,
    code: 'REQUEST.UNSUPPORTED_ENCODING',
    title: 'The request body encoding is not supported',
    detail: () => 'send the body as identity, gzip or deflate',
  },
  'charset.unsupported': {
    status: 415,
    code: 'REQUEST.UNSUPPORTED_ENCODING',
    title: 'The request body charset is not supported',
    detail: () => 'send JSON as UTF-8',
  },
  'request.aborted': {
    status: 400,
    code: 'REQUEST.BODY_INCOMPLETE',
    title: 'The request body was incomplete',
    detail: () => 'the client aborted the request before the body ended',
  },
  'request.size.invalid': {
    status: 400,
    code: 'REQUEST.BODY_INCOMPLETE',
    title: 'The request body was incomplete',
    detail: () => 'the body length does not match Content-Length',
  },
};

const bodyParserError = z.object({ type: z.string() });

export function bodyProblemHandler(limitBytes: number) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const parsed = bodyParserError.safeParse(error);
    const problem = parsed.success ? BODY_PROBLEMS[parsed.data.type] : undefined;
    if (problem === undefined || res.headersSent) {
      next(error);
      return;
    }
    const { status, code, title } = problem;
    sendProblem(res, new ProblemError({ status, code, title, detail: problem.detail(limitBytes) }));
  };
}

/** Installs the bounded JSON parser and its problem answers; call before `listen`. */
export function useJsonBody(app: NestExpressApplication, limitBytes: number): void {
  app.useBodyParser('json', { limit: limitBytes });
  app.use(bodyProblemHandler(limitBytes));
}
