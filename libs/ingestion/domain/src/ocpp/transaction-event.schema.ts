/**
 * The OCPP 2.0.1 TransactionEventRequest as gateways publish it (the JSON schema
 * `urn:OCPP:Cp:2:2020:3:TransactionEventRequest`). Like the OCPP schemas, objects admit no
 * unknown fields except `customData`; enums are the spec's closed lists, so a typo is a
 * schema violation, not a silently ignored value.
 */
import { z } from 'zod';

const customData = z.record(z.string(), z.unknown()).optional();
const ocppObject = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, customData });
const dateTime = z.iso.datetime({ offset: true });

export const MEASURAND_ENERGY_IMPORT_REGISTER = 'Energy.Active.Import.Register';
export const MEASURAND_POWER_IMPORT = 'Power.Active.Import';
/** How many sampled values a meter value, and meter values a message, may carry. */
export const SAMPLED_VALUES_MAX = 200;
export const METER_VALUES_MAX = 1000;

const measurand = z.enum([
  'Current.Export',
  'Current.Import',
  'Current.Offered',
  'Energy.Active.Export.Register',
  'Energy.Active.Import.Register',
  'Energy.Reactive.Export.Register',
  'Energy.Reactive.Import.Register',
  'Energy.Active.Export.Interval',
  'Energy.Active.Import.Interval',
  'Energy.Active.Net',
  'Energy.Reactive.Export.Interval',
  'Energy.Reactive.Import.Interval',
  'Energy.Reactive.Net',
  'Energy.Apparent.Net',
  'Energy.Apparent.Import',
  'Energy.Apparent.Export',
  'Frequency',
  'Power.Active.Export',
  'Power.Active.Import',
  'Power.Factor',
  'Power.Offered',
  'Power.Reactive.Export',
  'Power.Reactive.Import',
  'SoC',
  'Voltage',
]);

export const samplePhase = z.enum([
  'L1',
  'L2',
  'L3',
  'N',
  'L1-N',
  'L2-N',
  'L3-N',
  'L1-L2',
  'L2-L3',
  'L3-L1',
]);

export const sampledValueSchema = ocppObject({
  value: z.number().refine(Number.isFinite, 'must be a finite number'),
  context: z
    .enum([
      'Interruption.Begin',
      'Interruption.End',
      'Other',
      'Sample.Clock',
      'Sample.Periodic',
      'Transaction.Begin',
      'Transaction.End',
      'Trigger',
    ])
    .optional(),
  measurand: measurand.default(MEASURAND_ENERGY_IMPORT_REGISTER),
  phase: samplePhase.optional(),
  location: z.enum(['Body', 'Cable', 'EV', 'Inlet', 'Outlet']).default('Outlet'),
  signedMeterValue: ocppObject({
    signedMeterData: z.string().max(2500),
    signingMethod: z.string().max(50),
    encodingMethod: z.string().max(50),
    publicKey: z.string().max(2500),
  }).optional(),
  unitOfMeasure: ocppObject({
    unit: z.string().max(20).optional(),
    multiplier: z.int().min(-9).max(9).default(0),
  }).optional(),
});
export type SampledValue = z.infer<typeof sampledValueSchema>;

export const meterValueSchema = ocppObject({
  timestamp: dateTime,
  sampledValue: z.array(sampledValueSchema).min(1).max(SAMPLED_VALUES_MAX),
});
export type MeterValue = z.infer<typeof meterValueSchema>;

export const transactionEventSchema = ocppObject({
  eventType: z.enum(['Started', 'Updated', 'Ended']),
  timestamp: dateTime,
  triggerReason: z.enum([
    'Authorized',
    'CablePluggedIn',
    'ChargingRateChanged',
    'ChargingStateChanged',
    'Deauthorized',
    'EnergyLimitReached',
    'EVCommunicationLost',
    'EVConnectTimeout',
    'MeterValueClock',
    'MeterValuePeriodic',
    'TimeLimitReached',
    'Trigger',
    'UnlockCommand',
    'StopAuthorized',
    'EVDeparted',
    'EVDetected',
    'RemoteStop',
    'RemoteStart',
    'AbnormalCondition',
    'SignedDataReceived',
    'ResetCommand',
  ]),
  seqNo: z.int().nonnegative(),
  offline: z.boolean().default(false),
  numberOfPhasesUsed: z.int().optional(),
  cableMaxCurrent: z.int().optional(),
  reservationId: z.int().optional(),
  transactionInfo: ocppObject({
    transactionId: z.string().min(1).max(36),
    chargingState: z
      .enum(['Charging', 'EVConnected', 'SuspendedEV', 'SuspendedEVSE', 'Idle'])
      .optional(),
    timeSpentCharging: z.int().optional(),
    stoppedReason: z
      .enum([
        'DeAuthorized',
        'EmergencyStop',
        'EnergyLimitReached',
        'EVDisconnected',
        'GroundFault',
        'ImmediateReset',
        'Local',
        'LocalOutOfCredit',
        'MasterPass',
        'Other',
        'OvercurrentFault',
        'PowerLoss',
        'PowerQuality',
        'Reboot',
        'Remote',
        'SOCLimitReached',
        'StoppedByEV',
        'TimeLimitReached',
        'Timeout',
      ])
      .optional(),
    remoteStartId: z.int().optional(),
  }),
  evse: ocppObject({
    id: z.int().positive(),
    connectorId: z.int().positive().optional(),
  }).optional(),
  idToken: ocppObject({
    idToken: z.string().max(36),
    type: z.enum([
      'Central',
      'eMAID',
      'ISO14443',
      'ISO15693',
      'KeyCode',
      'Local',
      'MacAddress',
      'NoAuthorization',
    ]),
    additionalInfo: z
      .array(ocppObject({ additionalIdToken: z.string().max(36), type: z.string().max(50) }))
      .min(1)
      .optional(),
  }).optional(),
  meterValue: z.array(meterValueSchema).min(1).max(METER_VALUES_MAX).optional(),
});
export type TransactionEvent = z.infer<typeof transactionEventSchema>;
