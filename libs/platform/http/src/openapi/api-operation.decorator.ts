/**
 * Describes an endpoint with the same zod schemas its handler validates with, so the
 * OpenAPI document is generated from the code that runs.
 */
import type { z } from 'zod';

export interface ApiOperationSpec {
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly params: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Commands accept an Idempotency-Key. */
  readonly idempotent?: boolean;
  readonly response: { readonly status: 200 | 201; readonly schema: z.ZodType };
  /** Problem statuses this endpoint can answer with (400 is implied). */
  readonly problems: readonly (404 | 409 | 422 | 503)[];
}

const operations = new WeakMap<object, ApiOperationSpec>();

export function ApiOperation(spec: ApiOperationSpec): MethodDecorator {
  return (_target, _key, descriptor) => {
    if (typeof descriptor.value === 'function') operations.set(descriptor.value, spec);
  };
}

export function apiOperationOf(handler: object): ApiOperationSpec | undefined {
  return operations.get(handler);
}
