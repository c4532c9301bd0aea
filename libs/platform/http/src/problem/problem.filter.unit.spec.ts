/**
 * The problem+json edge on a real HTTP server (loopback, no NATS or Postgres): invalid
 * input names each field, ProblemErrors keep their code and headers, a service's mapper
 * comes first, unknown routes are the generic 404, and a defect is a 500 that says nothing.
 */
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { z } from 'zod';
import { createLogger } from '@chargeledger/shared/observability';
import { requestFingerprint } from '../request/idempotency-key';
import { ProblemError, validated } from './problem';
import { ProblemFilter } from './problem.filter';

class DomainRefusal extends Error {}

@Controller('things')
class ThingController {
  @Post()
  create(@Body() body: unknown): unknown {
    return validated(z.strictObject({ name: z.string().min(1), size: z.int() }), body, 'body');
  }

  @Get(':kind')
  fail(@Param('kind') kind: string): never {
    if (kind === 'busy')
      throw new ProblemError(
        { status: 503, code: 'THING.BUSY', title: 'Busy', detail: 'try again' },
        { 'Retry-After': '1' },
      );
    if (kind === 'refused') throw new DomainRefusal('refused');
    throw new Error('secret internals');
  }
}

@Module({ controllers: [ThingController] })
class ThingModule {}

let app: NestExpressApplication;
let url: string;

beforeAll(async () => {
  const options = { logger: false } as const;
  // Nest declares its options bag as a class but only ever reads it as a plain object.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  app = await NestFactory.create<NestExpressApplication>(ThingModule, options);
  const refusals = (error: unknown) =>
    error instanceof DomainRefusal
      ? { problem: { type: 't', title: 'Refused', status: 409, detail: 'no', code: 'T.NO' } }
      : undefined;
  app.useGlobalFilters(new ProblemFilter(createLogger('test', 'fatal'), [refusals]));
  await app.listen(0, '127.0.0.1');
  url = await app.getUrl();
});
afterAll(() => app.close());

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return {
    status: response.status,
    headers: response.headers,
    body: await response.json(),
  };
}

it('names each invalid field in a 400 problem', async () => {
  const reply = await call('POST', '/things', { name: '', size: 1.5, extra: true });
  expect(reply.status).toBe(400);
  expect(reply.body).toMatchObject({ code: 'REQUEST.INVALID', status: 400 });
  const paths = (reply.body as { errors: { path: string }[] }).errors.map((e) => e.path);
  expect(paths).toEqual(['body.name', 'body.size', 'body']);
});

it('answers a ProblemError with its code and headers, and a mapped error first', async () => {
  const busy = await call('GET', '/things/busy');
  expect(busy.status).toBe(503);
  expect(busy.headers.get('retry-after')).toBe('1');
  expect(busy.body).toMatchObject({
    code: 'THING.BUSY',
    type: 'urn:chargeledger:problem:THING.BUSY',
  });
  expect((await call('GET', '/things/refused')).body).toMatchObject({ status: 409, code: 'T.NO' });
});

it('answers an unknown route with the generic 404 and a defect with a bare 500', async () => {
  expect((await call('DELETE', '/nowhere')).body).toMatchObject({
    status: 404,
    code: 'REQUEST.NOT_FOUND',
  });
  const defect = await call('GET', '/things/crash');
  expect(defect.body).toEqual({
    type: 'about:blank',
    title: 'Internal error',
    status: 500,
    detail: 'internal error',
  });
});

it('fingerprints a request independently of key order', () => {
  expect(requestFingerprint({ a: 1, b: [{ c: 2, d: 3 }] })).toBe(
    requestFingerprint({ b: [{ d: 3, c: 2 }], a: 1 }),
  );
  expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
});
