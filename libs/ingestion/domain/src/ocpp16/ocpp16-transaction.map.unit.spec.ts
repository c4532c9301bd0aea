import { normaliseMeterValues } from '../ocpp/meter-sample.normalise';
import { transactionEventSchema, type TransactionEvent } from '../ocpp/transaction-event.schema';
import { mapOcpp16ToTransactionEvent, type Ocpp16Mapping } from './ocpp16-transaction.map';

const AT = '2026-03-01T10:00:00+01:00';
const LATER = '2026-03-01T10:15:00+01:00';
const START_SEQ = 41;

function eventOf(mapping: Ocpp16Mapping): TransactionEvent {
  if (!mapping.ok) throw new Error(`expected a mapped event, got ${mapping.detail}`);
  // the mapped event is exactly what the 2.0.1 schema reads back
  expect(transactionEventSchema.parse(mapping.event)).toEqual(mapping.event);
  return mapping.event;
}

function refusalOf(mapping: Ocpp16Mapping) {
  if (mapping.ok) throw new Error('expected a refusal, got an event');
  return mapping;
}

const start = (extra: Record<string, unknown> = {}) => ({
  connectorId: 2,
  idTag: 'RFID-0001',
  meterStart: 1234,
  timestamp: AT,
  ...extra,
});

describe('OCPP 1.6 StartTransaction', () => {
  it('is a Started event whose transactionId and seqNo are the stored stream sequence', () => {
    const event = eventOf(
      mapOcpp16ToTransactionEvent('ocpp16-start-transaction', start(), START_SEQ),
    );
    expect(event).toMatchObject({
      eventType: 'Started',
      timestamp: AT,
      triggerReason: 'Authorized',
      seqNo: START_SEQ,
      transactionInfo: { transactionId: '41' },
      evse: { id: 2, connectorId: 1 },
      idToken: { idToken: 'RFID-0001', type: 'ISO14443' },
    });
    expect(normaliseMeterValues(event.meterValue ?? [], event.seqNo)).toEqual({
      ok: true,
      samples: [{ sampledAt: '2026-03-01T09:00:00.000Z', seqNo: 41, energyRegisterWh: '1234' }],
    });
  });

  it('keeps the reservation it was started for', () => {
    const event = eventOf(
      mapOcpp16ToTransactionEvent('ocpp16-start-transaction', start({ reservationId: 7 }), 1),
    );
    expect(event.reservationId).toBe(7);
  });

  it('refuses connector 0, which is the whole charge point and never charges', () => {
    const mapping = mapOcpp16ToTransactionEvent(
      'ocpp16-start-transaction',
      start({ connectorId: 0 }),
      1,
    );
    expect(mapping).toMatchObject({ ok: false, refusal: 'schema' });
  });

  it('refuses a start without meterStart, naming the field', () => {
    const { meterStart: _omitted, ...withoutMeterStart } = start();
    const mapping = mapOcpp16ToTransactionEvent('ocpp16-start-transaction', withoutMeterStart, 1);
    expect(refusalOf(mapping)).toMatchObject({ refusal: 'schema' });
    expect(refusalOf(mapping).detail).toContain('meterStart');
  });

  it('treats a stream sequence that is no positive integer as a programming error', () => {
    expect(() => mapOcpp16ToTransactionEvent('ocpp16-start-transaction', start(), 0)).toThrow(
      RangeError,
    );
  });
});

const sample = (value: string, extra: Record<string, unknown> = {}) => ({ value, ...extra });
const meterValues = (meterValue: unknown[], extra: Record<string, unknown> = {}) => ({
  connectorId: 2,
  transactionId: START_SEQ,
  meterValue,
  ...extra,
});

describe('OCPP 1.6 MeterValues', () => {
  it('is an Updated event of the transaction, with units, phases and power kept exact', () => {
    const payload = meterValues([
      {
        timestamp: LATER,
        sampledValue: [
          sample('1.5', { unit: 'kWh', phase: 'L1', context: 'Sample.Periodic' }),
          sample('2.25', { unit: 'kWh', phase: 'L2' }),
          sample('3', { unit: 'kWh', phase: 'L3' }),
          sample('7.4', { measurand: 'Power.Active.Import', unit: 'kW' }),
        ],
      },
    ]);
    const event = eventOf(mapOcpp16ToTransactionEvent('ocpp16-meter-values', payload, 57));
    expect(event).toMatchObject({
      eventType: 'Updated',
      timestamp: LATER,
      triggerReason: 'MeterValuePeriodic',
      seqNo: 57,
      transactionInfo: { transactionId: '41' },
      evse: { id: 2, connectorId: 1 },
    });
    expect(event.meterValue?.[0]?.sampledValue[0]).toEqual({
      value: 1.5,
      context: 'Sample.Periodic',
      measurand: 'Energy.Active.Import.Register',
      phase: 'L1',
      location: 'Outlet',
      unitOfMeasure: { unit: 'kWh', multiplier: 0 },
    });
    expect(normaliseMeterValues(event.meterValue ?? [], event.seqNo)).toMatchObject({
      samples: [{ energyRegisterWh: '6750', powerW: '7400' }],
    });
  });

  it('dates the event by its latest sample and names the clock as trigger', () => {
    const payload = meterValues([
      { timestamp: LATER, sampledValue: [sample('2000', { context: 'Sample.Clock' })] },
      { timestamp: AT, sampledValue: [sample('1500')] },
    ]);
    const event = eventOf(mapOcpp16ToTransactionEvent('ocpp16-meter-values', payload, 58));
    expect(event).toMatchObject({ timestamp: LATER, triggerReason: 'MeterValueClock' });
    expect(event.meterValue).toHaveLength(2);
  });

  it('leaves out signed data and measurands 2.0.1 does not know, keeping the readings', () => {
    const payload = meterValues([
      {
        timestamp: LATER,
        sampledValue: [
          sample('OCMF|{...}', { format: 'SignedData' }),
          sample('41.5', { measurand: 'Temperature', unit: 'Celsius' }),
          sample('2000'),
        ],
      },
      { timestamp: LATER, sampledValue: [sample('3000', { measurand: 'RPM' })] },
    ]);
    const event = eventOf(mapOcpp16ToTransactionEvent('ocpp16-meter-values', payload, 59));
    expect(event.meterValue).toEqual([
      {
        timestamp: LATER,
        sampledValue: [
          { value: 2000, measurand: 'Energy.Active.Import.Register', location: 'Outlet' },
        ],
      },
    ]);
  });

  it('is not billable without a transactionId, and says which connector sent it', () => {
    const payload = meterValues([{ timestamp: AT, sampledValue: [sample('1')] }], {
      connectorId: 0,
      transactionId: undefined,
    });
    expect(mapOcpp16ToTransactionEvent('ocpp16-meter-values', payload, 60)).toEqual({
      ok: false,
      refusal: 'not-billable',
      detail: 'MeterValues of connector 0 name no transactionId',
    });
  });

  it('refuses readings that are no decimal or would lose digits as a JSON number', () => {
    for (const value of ['12 kWh', 'NaN', '1e999', '12345678901234567890.5']) {
      const payload = meterValues([{ timestamp: AT, sampledValue: [sample(value)] }]);
      const refusal = refusalOf(mapOcpp16ToTransactionEvent('ocpp16-meter-values', payload, 61));
      expect(refusal.refusal).toBe('schema');
      expect(refusal.detail).toContain(value);
    }
  });

  it('refuses unknown fields and wrong types like the OCPP schema does', () => {
    const extra = meterValues([{ timestamp: AT, sampledValue: [sample('1')] }], { foo: 1 });
    const wrongType = meterValues([{ timestamp: AT, sampledValue: [{ value: 1 }] }]);
    for (const payload of [extra, wrongType, null, 'text']) {
      expect(mapOcpp16ToTransactionEvent('ocpp16-meter-values', payload, 62)).toMatchObject({
        ok: false,
        refusal: 'schema',
      });
    }
  });
});

const stop = (extra: Record<string, unknown> = {}) => ({
  transactionId: START_SEQ,
  meterStop: 9876,
  timestamp: LATER,
  ...extra,
});

describe('OCPP 1.6 StopTransaction', () => {
  it('is an Ended event with the transaction data first and meterStop as the last reading', () => {
    const payload = stop({
      idTag: 'RFID-0001',
      reason: 'Remote',
      transactionData: [{ timestamp: AT, sampledValue: [sample('1.234', { unit: 'kWh' })] }],
    });
    const event = eventOf(mapOcpp16ToTransactionEvent('ocpp16-stop-transaction', payload, 63));
    expect(event).toMatchObject({
      eventType: 'Ended',
      timestamp: LATER,
      triggerReason: 'RemoteStop',
      seqNo: 63,
      transactionInfo: { transactionId: '41', stoppedReason: 'Remote' },
      idToken: { idToken: 'RFID-0001', type: 'ISO14443' },
    });
    expect(normaliseMeterValues(event.meterValue ?? [], event.seqNo)).toMatchObject({
      samples: [{ energyRegisterWh: '1234' }, { energyRegisterWh: '9876' }],
    });
    expect(event.meterValue?.[1]?.sampledValue[0]?.context).toBe('Transaction.End');
  });

  it.each([
    [undefined, 'Local', 'StopAuthorized'],
    ['EVDisconnected', 'EVDisconnected', 'EVDeparted'],
    ['HardReset', 'ImmediateReset', 'ResetCommand'],
    ['SoftReset', 'Reboot', 'ResetCommand'],
    ['UnlockCommand', 'Remote', 'UnlockCommand'],
    ['DeAuthorized', 'DeAuthorized', 'Deauthorized'],
    ['PowerLoss', 'PowerLoss', 'AbnormalCondition'],
  ])('maps reason %s to stoppedReason %s (trigger %s)', (reason, stoppedReason, trigger) => {
    const payload = reason === undefined ? stop() : stop({ reason });
    const event = eventOf(mapOcpp16ToTransactionEvent('ocpp16-stop-transaction', payload, 64));
    expect(event.transactionInfo.stoppedReason).toBe(stoppedReason);
    expect(event.triggerReason).toBe(trigger);
  });

  it('refuses a stop without transactionId or with an unknown reason', () => {
    const { transactionId: _omitted, ...withoutTransaction } = stop();
    for (const payload of [withoutTransaction, stop({ reason: 'Bored' })]) {
      expect(mapOcpp16ToTransactionEvent('ocpp16-stop-transaction', payload, 65)).toMatchObject({
        ok: false,
        refusal: 'schema',
      });
    }
  });
});
