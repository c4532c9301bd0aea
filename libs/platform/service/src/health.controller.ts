/**
 * Liveness and readiness. `/healthz` says the process is serving; `/readyz` says it can do
 * its job: NATS and Postgres answer, its streams exist and its consumers are attached.
 */
import { Controller, Get, HttpCode, HttpException, HttpStatus } from '@nestjs/common';
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
    if (problems.length > 0) {
      throw new HttpException({ status: 'unready', problems }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ready', consumers: this.natsResource.topology.consumers.length };
  }
}
