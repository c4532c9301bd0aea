/**
 * Parses an environment against a schema and reports the first bad value by name, so a
 * misconfigured process stops at boot with a message an operator can act on.
 */
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): z.infer<S> {
  // Empty strings mean "unset" so `FOO= npm start` falls back to the default.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const variable = issue?.path.join('.') ?? '(unknown)';
  const value = typeof issue?.path[0] === 'string' ? present[issue.path[0]] : undefined;
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  throw new ConfigError(variable, `${issue?.message ?? 'is invalid'}${shown}`);
}
