/**
 * The service kit's JSON body handling on a real HTTP server (loopback, no NATS or
 * Postgres): malformed JSON gets 400, an oversized body 413 and an unsupported charset
 * 415, each as problem+json with a stable code and without echoing the body; valid JSON
 * still reaches the handler and route errors still reach Nest.
 */
import { Body, Controller, Module, NotFoundException, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { useJsonBody } from './json-body';

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown): unknown {
    return { received: body };
  }

  @Post('missing')
  missing(): never {
    throw new NotFoundException('nothing here');
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const LIMIT_BYTES = 256;
let app: NestExpressApplication;
let url: string;

beforeAll(async () => {
  const options = { bodyParser: false, logger: false } as const;
  // Nest declares its options bag as a class but only ever reads it as a plain object.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  app = await NestFactory.create<NestExpressApplication>(EchoModule, options);
  useJsonBody(app, LIMIT_BYTES);
  await app.listen(0, '127.0.0.1');
  url = await app.getUrl();
});
afterAll(() => app.close());

async function post(path: string, body: string, contentType = 'application/json') {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text };
}

it('answers malformed JSON with 400 problem+json, not echoing the body', async () => {
  const reply = await post('/echo', '{"name": "Secret Person",');
  expect(reply.status).toBe(400);
  expect(reply.contentType).toContain('application/problem+json');
  expect(JSON.parse(reply.text)).toEqual({
    type: 'urn:chargeledger:problem:REQUEST.MALFORMED_JSON',
    title: 'The request body is not valid JSON',
    status: 400,
    detail: 'the request body could not be parsed as JSON',
    code: 'REQUEST.MALFORMED_JSON',
  });
  expect(reply.text).not.toContain('Secret');
});

it('answers a body over the limit with 413 problem+json naming the limit', async () => {
  const reply = await post('/echo', JSON.stringify({ pad: 'x'.repeat(LIMIT_BYTES) }));
  expect(reply.status).toBe(413);
  expect(reply.contentType).toContain('application/problem+json');
  expect(JSON.parse(reply.text)).toMatchObject({
    code: 'REQUEST.BODY_TOO_LARGE',
    detail: `the request body exceeds ${LIMIT_BYTES} bytes`,
  });
});

it('answers an unsupported charset with 415 problem+json', async () => {
  const reply = await post('/echo', '{}', 'application/json; charset=latin-9');
  expect(reply.status).toBe(415);
  expect(JSON.parse(reply.text)).toMatchObject({ code: 'REQUEST.UNSUPPORTED_ENCODING' });
});

it('passes valid JSON to the handler and leaves route errors to Nest', async () => {
  expect(await post('/echo', '{"a":1}')).toMatchObject({
    status: 201,
    text: '{"received":{"a":1}}',
  });
  const missing = await post('/echo/missing', '{}');
  expect(missing.status).toBe(404);
  expect(JSON.parse(missing.text)).toMatchObject({ statusCode: 404, message: 'nothing here' });
});
