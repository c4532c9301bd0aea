/**
 * The two read endpoints every registry aggregate has, declared once: `GET` a page of its
 * views in id order, and `GET :<id>` one view (404 when it does not exist), with their
 * OpenAPI descriptions. A controller extends `ReadEndpoints({...})` and gives it its
 * AggregateResource as `resource`; its command routes stay its own.
 */
import { Get, Param, Query } from '@nestjs/common';
import type { z } from 'zod';
import { ApiOperation, getOperation, listOperation, type Page } from '@chargeledger/platform/http';

interface OperationNames {
  readonly operationId: string;
  readonly summary: string;
}

export interface ReadEndpointsSpec<P extends z.ZodObject, V> {
  readonly tag: string;
  readonly view: z.ZodType<V>;
  /** The path of one aggregate (operator and id), and which of its parameters is the id. */
  readonly path: P;
  readonly idParam: keyof z.infer<P> & string;
  readonly list: OperationNames;
  readonly get: OperationNames;
}

/** What the endpoints ask of the controller's resource (see AggregateResource). */
export interface ReadableResource<V> {
  list(params: unknown, query: unknown): Promise<Page<V>>;
  get<P extends z.ZodType>(
    params: unknown,
    path: P,
    idOf: (path: z.infer<P>) => string,
  ): Promise<V>;
}

export function ReadEndpoints<P extends z.ZodObject, V>(spec: ReadEndpointsSpec<P, V>) {
  const { tag, view, path, idParam } = spec;
  abstract class ReadEndpointsOfAggregate {
    protected abstract readonly resource: ReadableResource<V>;

    @Get()
    @ApiOperation(listOperation({ ...spec.list, tag, view }))
    list(@Param() params: unknown, @Query() query: unknown): Promise<Page<V>> {
      return this.resource.list(params, query);
    }

    @Get(`:${idParam}`)
    @ApiOperation(getOperation({ ...spec.get, tag, params: path, view }))
    get(@Param() params: unknown): Promise<V> {
      return this.resource.get(params, path, (validPath) => String(validPath[idParam]));
    }
  }
  return ReadEndpointsOfAggregate;
}
