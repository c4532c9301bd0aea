/**
 * A session's running cost in the words of the station's OCPP version, for its display:
 * 2.0.1 has CostUpdated (total cost including taxes, for the transaction); 1.6 has no
 * message for it, so it gets the Open Charge Alliance's California Pricing extension, a
 * DataTransfer `org.openchargealliance.costmsg` / `RunningCost`, which a station without
 * the extension answers with UnknownVendorId and otherwise ignores. OCPP carries the cost
 * as a JSON number: the exact decimal is converted here, at the edge, for display only;
 * the bill is never computed from it.
 */
import type { OcppCommandCall } from '../commands/station-command.ocpp';
import { ocpp16TransactionIdOf } from '../ocpp16-transaction-id';
import type { OcppVersion } from '../ports/station-directory.port';

export interface RunningCost {
  readonly operatorId: string;
  readonly stationId: string;
  /** As the station knows it (for 1.6 the integer the CSMS handed out). */
  readonly transactionId: string;
  /** What the driver would pay if the session ended now, incl. taxes where known. */
  readonly totalCost: string;
  /** The station time the cost is for. */
  readonly asOf: string;
  /** Energy of the session so far. */
  readonly energyWh: string;
}

export const OCA_COST_VENDOR_ID = 'org.openchargealliance.costmsg';

export function runningCostCallOf(cost: RunningCost, version: OcppVersion): OcppCommandCall {
  const totalCost = Number(cost.totalCost);
  if (version === 'ocpp2.0.1')
    return {
      ok: true,
      method: 'CostUpdated',
      params: { totalCost, transactionId: cost.transactionId },
    };
  const transactionId = ocpp16TransactionIdOf(cost.transactionId);
  if (transactionId === undefined)
    return { ok: false, detail: `transactionId ${cost.transactionId} is no 1.6 transaction` };
  return {
    ok: true,
    method: 'DataTransfer',
    params: {
      vendorId: OCA_COST_VENDOR_ID,
      messageId: 'RunningCost',
      data: JSON.stringify({
        transactionId,
        timestamp: cost.asOf,
        meterValue: Math.round(Number(cost.energyWh)),
        cost: totalCost,
        state: 'Charging',
      }),
    },
  };
}
