/**
 * @chargeledger/platform/eventstore: appends with optimistic concurrency, projection
 * runners with exactly-once effects, dead letters with replay, and rebuild with verify.
 */
export * from './append/aggregate-command';
export * from './append/append-errors';
export * from './append/event-appender';
export * from './append/publish-retries';
export * from './consume/consumed-event';
export * from './consume/processing-ledger';
export * from './consume/projection';
export * from './consume/projection-batch';
export * from './consume/projection-runner';
export * from './dead-letters/dead-letter.replay';
export * from './dead-letters/dead-letter.store';
export * from './dead-letters/dead-letter.queries';
export * from './rebuild/projection.rebuild';
export * from './rebuild/projection.verify';
export * from './rebuild/live-source';
export * from './consume/durables-caught-up';
export * from './consume/reactor';
export * from './consume/reactor-ledger';
export * from './consume/reactor-runner';
export * from './consume/settle-all';
export * from './consume/partition-assignment';
export { RunLoop } from './consume/pull-intake';
export * from './nest/jetstream.transport';
