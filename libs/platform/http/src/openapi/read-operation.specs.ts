/**
 * The OpenAPI descriptions every aggregate's read endpoints share: a page of views in id
 * order under the operator, and one view by its path id (404 when it does not exist).
 */
import type { z } from 'zod';
import type { ApiOperationSpec } from './api-operation.decorator';
import { operatorParams } from '../request/operator-route';
import { pageQuery, pageSchema } from '../request/pagination';

interface ReadOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly view: z.ZodType;
}

export function listOperation({ view, ...names }: ReadOperation): ApiOperationSpec {
  return {
    ...names,
    params: operatorParams,
    query: pageQuery,
    response: { status: 200, schema: pageSchema(view) },
    problems: [],
  };
}

export function getOperation({
  view,
  params,
  ...names
}: ReadOperation & { readonly params: z.ZodType }): ApiOperationSpec {
  return { ...names, params, response: { status: 200, schema: view }, problems: [404] };
}
