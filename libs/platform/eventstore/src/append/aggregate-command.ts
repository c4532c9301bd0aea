/**
 * A command handler is load → decide → append, nothing else. The aggregate's state comes
 * from the service's own Postgres state plus the subject sequence it was built from; the
 * append expects that sequence, and on a conflict (someone appended first, or the
 * projection lags) the handler reloads and decides again, a bounded number of times.
 */
import type { EventEnvelope } from '@chargeledger/contracts';
import { ConcurrencyError } from './append-errors';
import type { AppendResult, EventAppender } from './event-appender';

export interface LoadedAggregate<S> {
  readonly state: S;
  /** Last subject sequence the state includes; 0 when the aggregate has no events. */
  readonly version: number;
}

export interface AggregateCommandHandler<S, C> {
  load(): Promise<LoadedAggregate<S>>;
  /** Pure: returns the new events' envelopes (deterministic ids), or throws a refusal. */
  decide(command: C, state: S): readonly EventEnvelope[];
}

export async function executeAggregateCommand<S, C>(
  appender: EventAppender,
  handler: AggregateCommandHandler<S, C>,
  command: C,
  options: { attemptsMax: number; reloadDelayMs: number },
): Promise<AppendResult[]> {
  for (let attempt = 1; ; attempt++) {
    const { state, version } = await handler.load();
    const events = handler.decide(command, state);
    try {
      return await appender.appendToAggregate(events, version);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= options.attemptsMax) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.reloadDelayMs * attempt));
    }
  }
}
