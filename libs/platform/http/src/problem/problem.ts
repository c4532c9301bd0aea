/**
 * Errors as RFC 9457 problem documents (`application/problem+json`): validation errors
 * name each field, every other problem carries a stable code clients can act on. Handlers
 * throw these; the service kit's ProblemFilter is the one place they become responses.
 */
import { z } from 'zod';

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

export function problemTypeOf(code: string): string {
  return `urn:chargeledger:problem:${code}`;
}

/** A problem with a stable code and, where the status calls for them, response headers. */
export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(
    problem: { status: number; code: string; title: string; detail: string },
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'ProblemError';
    this.problem = { type: problemTypeOf(problem.code), ...problem };
  }
}

/**
 * The one answer for "nothing here": an unknown route, and another operator's resources,
 * so a caller cannot tell which of the two it hit (no data, no existence oracle).
 */
export function notFoundProblem(): ProblemError {
  return new ProblemError({
    status: 404,
    code: 'REQUEST.NOT_FOUND',
    title: 'Not found',
    detail: 'there is nothing at this address for the caller',
  });
}

export class ValidationProblem extends Error {
  constructor(readonly errors: readonly { path: string; message: string }[]) {
    super(`invalid request: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'ValidationProblem';
  }

  get problem(): Problem {
    return {
      type: problemTypeOf('REQUEST.INVALID'),
      title: 'The request is invalid',
      status: 400,
      detail: this.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      code: 'REQUEST.INVALID',
      errors: [...this.errors],
    };
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
