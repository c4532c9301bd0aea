/**
 * The OCPP 1.6 requests ingestion maps onto 2.0.1 shapes, as chargers send them
 * (`urn:StartTransaction.req`, `urn:MeterValues.req`, `urn:StopTransaction.req`,
 * `urn:StatusNotification.req`). Objects admit no unknown fields, as in the OCPP schemas;
 * arrays are bounded like their 2.0.1 counterparts so a mapped message still fits those.
 * Connector 0 means the charge point as a whole in 1.6, so it is allowed only where the
 * spec allows it (MeterValues, StatusNotification).
 */
import { z } from 'zod';

const dateTime = z.iso.datetime({ offset: true });
const idTag = z.string().min(1).max(20);

export const ocpp16SampledValueSchema = z.strictObject({
  /** 1.6 carries readings as text: a decimal for Raw, an opaque blob for SignedData. */
  value: z.string().max(2500),
  context: z
    .enum([
      'Interruption.Begin',
      'Interruption.End',
      'Sample.Clock',
      'Sample.Periodic',
      'Transaction.Begin',
      'Transaction.End',
      'Trigger',
      'Other',
    ])
    .optional(),
  format: z.enum(['Raw', 'SignedData']).default('Raw'),
  measurand: z.string().max(50).default('Energy.Active.Import.Register'),
  phase: z
    .enum(['L1', 'L2', 'L3', 'N', 'L1-N', 'L2-N', 'L3-N', 'L1-L2', 'L2-L3', 'L3-L1'])
    .optional(),
  location: z.enum(['Cable', 'EV', 'Inlet', 'Outlet', 'Body']).optional(),
  unit: z.string().max(20).optional(),
});
export type Ocpp16SampledValue = z.infer<typeof ocpp16SampledValueSchema>;

export const ocpp16MeterValueSchema = z.strictObject({
  timestamp: dateTime,
  sampledValue: z.array(ocpp16SampledValueSchema).max(200),
});
export type Ocpp16MeterValue = z.infer<typeof ocpp16MeterValueSchema>;

export const ocpp16StartTransactionSchema = z.strictObject({
  connectorId: z.int().positive(),
  idTag,
  /** Wh, an integer per the 1.6 schema. */
  meterStart: z.int(),
  reservationId: z.int().optional(),
  timestamp: dateTime,
});

export const ocpp16MeterValuesSchema = z.strictObject({
  connectorId: z.int().nonnegative(),
  /** Absent when the charger samples outside a transaction (e.g. the grid meter). */
  transactionId: z.int().positive().optional(),
  meterValue: z.array(ocpp16MeterValueSchema).max(1000),
});

export const ocpp16StopReason = z.enum([
  'EmergencyStop',
  'EVDisconnected',
  'HardReset',
  'Local',
  'Other',
  'PowerLoss',
  'Reboot',
  'Remote',
  'SoftReset',
  'UnlockCommand',
  'DeAuthorized',
]);
export type Ocpp16StopReason = z.infer<typeof ocpp16StopReason>;

export const ocpp16StopTransactionSchema = z.strictObject({
  idTag: idTag.optional(),
  /** Wh, an integer per the 1.6 schema. */
  meterStop: z.int(),
  timestamp: dateTime,
  transactionId: z.int().positive(),
  /** The 1.6 spec: absent means Local. */
  reason: ocpp16StopReason.default('Local'),
  transactionData: z.array(ocpp16MeterValueSchema).max(1000).optional(),
});

export const ocpp16StatusNotificationSchema = z.strictObject({
  connectorId: z.int().nonnegative(),
  errorCode: z.string().max(50),
  info: z.string().max(50).optional(),
  status: z.enum([
    'Available',
    'Preparing',
    'Charging',
    'SuspendedEVSE',
    'SuspendedEV',
    'Finishing',
    'Reserved',
    'Unavailable',
    'Faulted',
  ]),
  timestamp: dateTime.optional(),
  vendorId: z.string().max(255).optional(),
  vendorErrorCode: z.string().max(50).optional(),
});
