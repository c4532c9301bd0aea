/** OCPP 1.6 messages read as the 2.0.1 shapes the rest of ingestion judges. */
export {
  mapOcpp16ToTransactionEvent,
  type Ocpp16Mapping,
  type Ocpp16Refusal,
  type Ocpp16TransactionKind,
} from './ocpp16-transaction.map';
export {
  mapStationStatus,
  type ConnectorStatus,
  type StationStatus,
  type StationStatusKind,
  type StationStatusMapping,
} from './station-status.map';
