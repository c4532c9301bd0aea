/**
 * The exception filter every service installs globally: whatever a request throws is
 * answered as `application/problem+json`. Generic problems (validation, ProblemError,
 * Nest's HttpExceptions such as the unknown-route 404) are mapped here; a service adds
 * its own errors (business refusals) through `ProblemMapper`s. Anything unmapped is a
 * defect: a 500 with no detail, logged with its stack.
 */
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from '@chargeledger/shared/observability';
import {
  notFoundProblem,
  ProblemError,
  problemTypeOf,
  ValidationProblem,
  type Problem,
} from './problem';

/** A problem and the headers that go with it (e.g. `Retry-After` on a 503). */
export interface ProblemAnswer {
  readonly problem: Problem;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Maps a service's own errors to problems; undefined means "not mine". */
export type ProblemMapper = (error: unknown) => ProblemAnswer | undefined;

function httpExceptionProblem(error: HttpException): Problem {
  const status = error.getStatus();
  // Nest's router throws a NotFoundException for unknown routes; answer it like any 404.
  if (status === 404) return notFoundProblem().problem;
  const code = `REQUEST.HTTP_${status}`;
  return { type: problemTypeOf(code), title: error.message, status, detail: error.message, code };
}

function knownProblemOf(error: unknown): ProblemAnswer | undefined {
  if (error instanceof ValidationProblem) return { problem: error.problem };
  if (error instanceof ProblemError) return { problem: error.problem, headers: error.headers };
  if (error instanceof HttpException) return { problem: httpExceptionProblem(error) };
  return undefined;
}

const INTERNAL_ERROR: ProblemAnswer = {
  problem: { type: 'about:blank', title: 'Internal error', status: 500, detail: 'internal error' },
};

export function sendProblem(response: Response, answer: ProblemAnswer): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
  response
    .status(answer.problem.status)
    .type('application/problem+json')
    .send(JSON.stringify(answer.problem));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly mappers: readonly ProblemMapper[] = [],
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    let answer: ProblemAnswer | undefined;
    for (const mapper of this.mappers) answer ??= mapper(error);
    answer ??= knownProblemOf(error);
    if (answer === undefined) {
      // Only a defect lands here: log it with its stack; the caller learns nothing of it.
      this.logger.error({ err: error instanceof Error ? error : String(error) }, 'internal error');
      answer = INTERNAL_ERROR;
    }
    sendProblem(host.switchToHttp().getResponse<Response>(), answer);
  }
}
