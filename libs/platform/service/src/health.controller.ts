/**
 * Liveness and readiness. `/healthz` says the process is serving; `/readyz` says it can do
 * its job: NATS and Postgres answer, its streams exist and its consumers are attached;
 * otherwise a 503 problem whose detail lists what is missing.
 */
import { Controller, Get, HttpCode, HttpStatus } from '@nestjs/common';
import { ProblemError } from '@chargeledger/platform/http';
import { DatabaseResource } from './database.resource';
import { NatsResource } from './nats.resource';

const CHECK_TIMEOUT_MS = 2_000;

@Controller()
export class HealthController {
  constructor(
    private readonly natsResource: NatsResource,
    private readonly database: DatabaseResource,
  ) {}

  @Get('healthz')
  @HttpCode(HttpStatus.OK)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async ready(): Promise<{ status: 'ready'; consumers: number }> {
    const problems = [
      ...(await this.natsResource.readinessProblems(CHECK_TIMEOUT_MS)),
      ...(await this.database.readinessProblems(CHECK_TIMEOUT_MS)),
    ];
    if (problems.length > 0)
      throw new ProblemError({
        status: 503,
        code: 'SERVICE.NOT_READY',
        title: 'Not ready',
        detail: problems.join('; '),
      });
    return { status: 'ready', consumers: this.natsResource.topology.consumers.length };
  }
}
