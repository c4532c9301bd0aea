// Edge validation for rating input: turns unknown JSON into a Tariff or a CDR session, or
// throws a RatingInputError whose message names every bad field by its path
// (e.g. `tariff.elements[0].price_components[1].step_size: ...`).
import { z } from 'zod';
import { cdrSessionSchema, type CdrSession } from './cdr.schema';
import { tariffSchema, type Tariff } from './tariff.schema';

export class RatingInputError extends Error {
  override readonly name = 'RatingInputError';
  constructor(
    readonly code: 'RATING.INVALID_TARIFF' | 'RATING.INVALID_SESSION' | 'RATING.INVALID_CONTEXT',
    readonly fieldPaths: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

function pathText(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    root,
  );
}

function parseWith<T>(
  schema: z.ZodType<T>,
  input: unknown,
  root: string,
  code: RatingInputError['code'],
): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const paths = result.error.issues.map((issue) => pathText(root, issue.path));
  const lines = result.error.issues.map(
    (issue, index) => `${paths[index] ?? root}: ${issue.message}`,
  );
  throw new RatingInputError(code, paths, lines.join('\n'));
}

export function parseTariff(input: unknown): Tariff {
  return parseWith(tariffSchema, input, 'tariff', 'RATING.INVALID_TARIFF');
}

export function parseCdrSession(input: unknown): CdrSession {
  return parseWith(cdrSessionSchema, input, 'cdr', 'RATING.INVALID_SESSION');
}
