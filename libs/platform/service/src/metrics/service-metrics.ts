/**
 * The service's own counters, served at `GET /metrics` in the Prometheus text format so
 * operators can alert on them (duplicates, refusals). A counter only goes up; names are
 * snake_case and registered once, with their help text.
 */
import { Controller, Get, Header, Injectable } from '@nestjs/common';

const METRIC_NAME = /^[a-z_][a-z0-9_]*$/;

export interface Counter {
  add(amount: number): void;
}

@Injectable()
export class ServiceMetrics {
  private readonly counters = new Map<string, { help: string; value: number }>();

  counter(name: string, help: string): Counter {
    if (!METRIC_NAME.test(name)) throw new RangeError(`not a metric name: ${name}`);
    if (this.counters.has(name)) throw new Error(`metric ${name} is registered twice`);
    const entry = { help, value: 0 };
    this.counters.set(name, entry);
    return {
      add: (amount) => {
        if (!Number.isInteger(amount) || amount < 0)
          throw new RangeError(`a counter only goes up by whole numbers: ${amount}`);
        entry.value += amount;
      },
    };
  }

  render(): string {
    return [...this.counters]
      .map(([name, { help, value }]) =>
        [`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${value}`].join('\n'),
      )
      .join('\n')
      .concat('\n');
  }
}

@Controller()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  get(): string {
    return this.metrics.render();
  }
}
