/**
 * Boots a service: parse configuration (stop with a clear message on the first bad
 * value), install tracing and fault hooks, create the Nest app with JSON logs and a body
 * limit, answer every error (unreadable bodies, unknown routes, the app's own refusals)
 * as problem+json, listen, and shut down gracefully on SIGTERM/SIGINT within a bounded time.
 */
import 'reflect-metadata';
import type { NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { z } from 'zod';
import { ProblemFilter } from '@chargeledger/platform/http';
import {
  ConfigError,
  loadConfig,
  serviceConfigSchema,
  type ServiceConfig,
} from '@chargeledger/shared/config';
import { configureFaultHooks } from '@chargeledger/shared/fault-hooks';
import { createLogger, installTracing, type Logger } from '@chargeledger/shared/observability';
import { useJsonBody } from './json-body';
import { PinoNestLogger } from './pino-nest.logger';
import type { ServiceDefinition } from './service-definition';
import { ServiceModule } from './service.module';

export interface RunningService {
  readonly app: NestExpressApplication;
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly url: string;
}

export function serviceConfigOf(
  definition: ServiceDefinition,
  env: NodeJS.ProcessEnv,
): ServiceConfig {
  const schema = serviceConfigSchema({ app: definition.app, httpPort: definition.httpPort });
  return { ...loadConfig(schema, env), app: definition.app };
}

function applicationOptions(logger: Logger): NestApplicationOptions {
  // Nest declares its options bag as a class but only ever reads it as a plain object.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  return { logger: new PinoNestLogger(logger), bodyParser: false, abortOnError: false };
}

export async function bootstrapService(
  definition: ServiceDefinition,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningService> {
  const config = serviceConfigOf(definition, env);
  configureFaultHooks(config.FAULT_HOOKS);
  const tracing = installTracing({
    app: definition.app,
    enabled: config.OTEL_ENABLED,
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger(definition.app, config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(
    ServiceModule.register(definition, config, logger),
    applicationOptions(logger),
  );
  useJsonBody(app, config.HTTP_BODY_LIMIT_BYTES);
  app.useGlobalFilters(new ProblemFilter(logger, definition.problems));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.getHttpServer().on('close', () => void tracing.shutdown());
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const url = `http://${config.HTTP_HOST}:${listeningPort(app)}`;
  logger.info({ url }, 'service started');
  return { app, config, logger, url };
}

/** The entry point of an app's main.ts: boots, or exits with a message naming the cause. */
export function runService(definition: ServiceDefinition): void {
  bootstrapService(definition).then(
    ({ config, logger }) => {
      const forceExit = (): void => {
        setTimeout(() => {
          logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'graceful shutdown timed out');
          process.exit(1);
        }, config.SHUTDOWN_TIMEOUT_MS).unref();
      };
      process.once('SIGTERM', forceExit);
      process.once('SIGINT', forceExit);
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${definition.app}: failed to start: ${message}\n`);
      process.exit(error instanceof ConfigError ? 78 : 1);
    },
  );
}

/** The port the server listens on: HTTP_PORT, or the one the system chose for 0. */
function listeningPort(app: NestExpressApplication): number {
  return z.object({ port: z.number() }).parse(app.getHttpServer().address()).port;
}
