/**
 * Builds a service's OpenAPI 3.1 document from the controllers Nest discovered: every
 * handler tagged with `@ApiOperation` contributes its route, and its zod schemas become
 * JSON Schemas through zod's own `z.toJSONSchema`.
 */
import { Inject, Injectable } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { z } from 'zod';
import { apiRolesOf } from '../auth/roles.metadata';
import type { ApiRole } from '../auth/api-token.verifier';
import { problemSchema } from '../problem/problem';
import { apiOperationOf, type ApiOperationSpec } from './api-operation.decorator';

type JsonSchema = Record<string, unknown>;
const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'all', 'options', 'head'];
const jsonSchemaDocument = z.object({
  properties: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  required: z.array(z.string()).optional(),
});

/** The document's `info`: which service this is and what it serves. */
export interface OpenApiInfo {
  readonly title: string;
  readonly description: string;
}
export const OPENAPI_INFO = Symbol('OPENAPI_INFO');

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  const { properties = {}, required = [] } = jsonSchemaDocument.parse(jsonSchemaOf(schema));
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: property,
  }));
}

function operationOf(spec: ApiOperationSpec, roles: readonly ApiRole[] | undefined): JsonSchema {
  const problem = { $ref: '#/components/schemas/Problem' };
  const problemContent = { 'application/problem+json': { schema: problem } };
  const responses: Record<string, unknown> = {
    [spec.response.status]: {
      description: 'OK',
      content: { 'application/json': { schema: jsonSchemaOf(spec.response.schema) } },
    },
    400: { description: 'Invalid request; `errors` names each field', content: problemContent },
  };
  for (const status of spec.problems)
    responses[status] = { description: 'Problem with a reason code', content: problemContent };
  if (roles !== undefined) {
    responses[401] = { description: 'No valid bearer token', content: problemContent };
    responses[403] = {
      description: `Only for ${roles.join(', ')} tokens`,
      content: problemContent,
    };
    responses[404] ??= { description: "Another operator's resource", content: problemContent };
  }
  const idempotencyKey = {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  };
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: [spec.tag],
    ...(roles === undefined ? {} : { security: [{ bearer: [] }], 'x-roles': roles }),
    parameters: [
      ...parametersOf(spec.params, 'path'),
      ...parametersOf(spec.query, 'query'),
      ...(spec.idempotent === true ? [idempotencyKey] : []),
    ],
    ...(spec.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(spec.body) } },
          },
        }),
    responses,
  };
}

@Injectable()
export class OpenApiDocument {
  private document: JsonSchema | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(OPENAPI_INFO) private readonly info: OpenApiInfo,
  ) {}

  get(): JsonSchema {
    this.document ??= this.build();
    return this.document;
  }

  private build(): JsonSchema {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype;
      if (typeof controller !== 'function') continue;
      const base = z.string().catch('').parse(Reflect.getMetadata(PATH_METADATA, controller));
      const prototype: unknown = controller.prototype;
      if (typeof prototype !== 'object' || prototype === null) continue;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler: unknown = Reflect.get(prototype, name);
        if (typeof handler !== 'function') continue;
        const spec = apiOperationOf(handler);
        if (spec === undefined) continue;
        const path = z.string().parse(Reflect.getMetadata(PATH_METADATA, handler));
        const method = z.int().parse(Reflect.getMetadata(METHOD_METADATA, handler));
        const route = `/${[base, path].filter((p) => p !== '' && p !== '/').join('/')}`
          .replace(/\/+/g, '/')
          .replace(/:([A-Za-z]+)/g, '{$1}');
        const operation = operationOf(spec, apiRolesOf(handler, controller));
        paths[route] = { ...paths[route], [HTTP_METHODS[method] ?? 'get']: operation };
      }
    }
    return {
      openapi: '3.1.0',
      info: { title: this.info.title, version: '1', description: this.info.description },
      paths,
      components: {
        schemas: { Problem: jsonSchemaOf(problemSchema) },
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'A JWT with claims sub, operator_id and role (operator, gateway or driver).',
          },
        },
      },
    };
  }
}
