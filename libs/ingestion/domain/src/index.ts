/**
 * @chargeledger/ingestion/domain: the pure heart of ingestion. It validates OCPP 2.0.1
 * TransactionEvents, normalises meter values to exact Wh and W, and decides per session
 * which facts to record or which raw message to reject, with a stable reason code.
 */
export * from './ocpp/transaction-event.schema';
export * from './ocpp/meter-sample.normalise';
export * from './session/ingestion-rejection';
export * from './session/session.state';
export * from './session/session-plausibility';
export * from './session/session.command';
export * from './session/session.decider';
export * from './raw/raw-message.read';
export * from './raw/raw-batch.decide';
export * from './ocpp16';
