/**
 * @chargeledger/ingestion/ocpp-gateway: the OCPP-J server for chargers that connect
 * directly (1.6 and 2.0.1). It stores their messages in RAW_GATEWAY before answering and
 * answers Authorize from the registry's token decision.
 */
export * from './ocpp-gateway';
export * from './ocpp-gateway.options';
export * from './gateway-logger';
export type { StationCommandOutcome } from './commands/station-command.delivery';
export type { RunningCost } from './running-cost/running-cost.ocpp';
export type { RunningCostOutcome } from './running-cost/running-cost.delivery';
export * from './ports/station-directory.port';
export * from './ports/token-authorizer.port';
export * from './ports/raw-message-store.port';
export type { StationAddress } from './connection/station-path';
