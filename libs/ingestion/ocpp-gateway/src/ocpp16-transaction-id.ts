/**
 * The transaction ids a 1.6 CSMS hands out are positive 32-bit integers (ingestion uses
 * the stream sequence of the stored StartTransaction); anything else cannot name a 1.6
 * transaction in a call to the station.
 */
const OCPP16_TRANSACTION_ID = /^[1-9][0-9]{0,9}$/;
const INT32_MAX = 2_147_483_647;

/** The 1.6 transaction id `text` spells, or undefined when it is none. */
export function ocpp16TransactionIdOf(text: string): number | undefined {
  const id = Number(text);
  return OCPP16_TRANSACTION_ID.test(text) && id <= INT32_MAX ? id : undefined;
}
