/**
 * Errors as RFC 9457 problem documents (`application/problem+json`): validation errors
 * name each field, refusals carry their stable reason code. This is the only place the
 * registry maps errors to HTTP.
 */
import {
  Catch,
  HttpException,
  Inject,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { SERVICE_LOGGER } from '@chargeledger/platform/service';
import { RegistryRefusal } from '@chargeledger/registry/domain';
import type { Logger } from '@chargeledger/shared/observability';
import { IdempotencyKeyReusedError, ProjectionLagError } from '../commands/registry-command.errors';

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export type RequestPart = 'path' | 'query' | 'body' | 'header';

export class ValidationProblem extends Error {
  constructor(readonly errors: readonly { path: string; message: string }[]) {
    super(`invalid request: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'ValidationProblem';
  }
}

/** Parses one part of a request, or throws a ValidationProblem naming each bad field. */
export function validated<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: RequestPart,
): z.infer<S> {
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw new ValidationProblem(
    result.error.issues.map((issue) => ({
      path: [part, ...issue.path.map(String)].reduce((path, key) =>
        /^\d+$/.test(key) ? `${path}[${key}]` : `${path}.${key}`,
      ),
      message: issue.message,
    })),
  );
}

function problemOf(error: unknown): Problem {
  const codeType = (code: string) => `urn:chargeledger:problem:${code}`;
  if (error instanceof ValidationProblem)
    return {
      type: codeType('REGISTRY.INVALID_REQUEST'),
      title: 'The request is invalid',
      status: 400,
      detail: error.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      code: 'REGISTRY.INVALID_REQUEST',
      errors: [...error.errors],
    };
  if (error instanceof RegistryRefusal)
    return {
      type: codeType(error.code),
      title: error.isNotFound ? 'Not found' : 'The command was refused',
      status: error.isNotFound ? 404 : 409,
      detail: error.message,
      code: error.code,
    };
  if (error instanceof IdempotencyKeyReusedError)
    return {
      type: codeType(error.code),
      title: 'Idempotency-Key reused',
      status: 422,
      detail: error.message,
      code: error.code,
    };
  if (error instanceof ProjectionLagError)
    return {
      type: codeType(error.code),
      title: 'Accepted but not yet readable',
      status: 503,
      detail: error.message,
      code: error.code,
    };
  if (error instanceof HttpException)
    return {
      type: 'about:blank',
      title: error.message,
      status: error.getStatus(),
      detail: error.message,
    };
  return { type: 'about:blank', title: 'Internal error', status: 500, detail: 'internal error' };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(SERVICE_LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const problem = problemOf(error);
    if (problem.status >= 500)
      this.logger.error({ err: error instanceof Error ? error : String(error) }, problem.title);
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof ProjectionLagError) response.setHeader('Retry-After', '1');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
