/**
 * One station status shape for occupancy, from OCPP 1.6 and 2.0.1 StatusNotifications.
 * 2.0.1 statuses are the vocabulary; 1.6's finer in-use states (Preparing, Charging,
 * SuspendedEV/EVSE, Finishing) all mean the connector is Occupied. A 1.6 connectorId N
 * is EVSE N connector 1; connector 0 is the charge point as a whole (EVSE 0).
 * 1.6 may omit the timestamp, which then means "now": the receive time stands in.
 */
import { z } from 'zod';
import type { GatewayMessageKind } from '@chargeledger/contracts';
import { assertNever } from '../shared/assert-never';
import { toUtc } from '../ocpp/meter-sample.normalise';
import { ocpp16StatusNotificationSchema } from './ocpp16-messages.schema';

export type StationStatusKind = Extract<
  GatewayMessageKind,
  'status-notification' | 'ocpp16-status-notification'
>;

const connectorStatus = z.enum(['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted']);
export type ConnectorStatus = z.infer<typeof connectorStatus>;

export interface StationStatus {
  readonly evseId: number;
  readonly connectorId: number;
  readonly status: ConnectorStatus;
  /** UTC ISO-8601. */
  readonly at: string;
}

export type StationStatusMapping =
  | { readonly ok: true; readonly status: StationStatus }
  | { readonly ok: false; readonly detail: string };

/** `urn:StatusNotification.req` of OCPP 2.0.1. */
export const statusNotification201Schema = z.strictObject({
  timestamp: z.iso.datetime({ offset: true }),
  connectorStatus,
  evseId: z.int().nonnegative(),
  connectorId: z.int().nonnegative(),
  customData: z.record(z.string(), z.unknown()).optional(),
});

const OCCUPANCY_OF_16: Readonly<
  Record<z.infer<typeof ocpp16StatusNotificationSchema>['status'], ConnectorStatus>
> = {
  Available: 'Available',
  Preparing: 'Occupied',
  Charging: 'Occupied',
  SuspendedEVSE: 'Occupied',
  SuspendedEV: 'Occupied',
  Finishing: 'Occupied',
  Reserved: 'Reserved',
  Unavailable: 'Unavailable',
  Faulted: 'Faulted',
};

/** `receivedAt`: when RAW_GATEWAY stored the message (UTC ISO-8601). */
export function mapStationStatus(
  kind: StationStatusKind,
  payload: unknown,
  receivedAt: string,
): StationStatusMapping {
  switch (kind) {
    case 'status-notification': {
      const parsed = statusNotification201Schema.safeParse(payload);
      if (!parsed.success) return { ok: false, detail: z.prettifyError(parsed.error) };
      const { evseId, connectorId, connectorStatus: status, timestamp } = parsed.data;
      return { ok: true, status: { evseId, connectorId, status, at: toUtc(timestamp) } };
    }
    case 'ocpp16-status-notification': {
      const parsed = ocpp16StatusNotificationSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, detail: z.prettifyError(parsed.error) };
      const { connectorId, status, timestamp } = parsed.data;
      const whole = connectorId === 0;
      return {
        ok: true,
        status: {
          evseId: connectorId,
          connectorId: whole ? 0 : 1,
          status: OCCUPANCY_OF_16[status],
          at: toUtc(timestamp ?? receivedAt),
        },
      };
    }
    default:
      return assertNever(kind);
  }
}
