import { OCA_COST_VENDOR_ID, runningCostCallOf, type RunningCost } from './running-cost.ocpp';

const cost: RunningCost = {
  operatorId: 'acme',
  stationId: 'CP-1',
  transactionId: '4711',
  totalCost: '12.34',
  asOf: '2026-03-01T10:15:00.000Z',
  energyWh: '8250.5',
};

describe('a running cost in OCPP', () => {
  it('is CostUpdated for 2.0.1, with the transaction as the station named it', () => {
    expect(runningCostCallOf({ ...cost, transactionId: 'tx-abc' }, 'ocpp2.0.1')).toEqual({
      ok: true,
      method: 'CostUpdated',
      params: { totalCost: 12.34, transactionId: 'tx-abc' },
    });
  });

  it('is the California Pricing RunningCost DataTransfer for 1.6', () => {
    const call = runningCostCallOf(cost, 'ocpp1.6');
    expect(call).toMatchObject({
      ok: true,
      method: 'DataTransfer',
      params: { vendorId: OCA_COST_VENDOR_ID, messageId: 'RunningCost' },
    });
    const data = call.ok ? (call.params['data'] as string) : '';
    expect(JSON.parse(data)).toEqual({
      transactionId: 4711,
      timestamp: cost.asOf,
      meterValue: 8251,
      cost: 12.34,
      state: 'Charging',
    });
  });

  it('is refused for a 1.6 transaction id no 1.6 CSMS hands out', () => {
    for (const transactionId of ['tx-abc', '0', '2147483648', '-1'])
      expect(runningCostCallOf({ ...cost, transactionId }, 'ocpp1.6')).toMatchObject({ ok: false });
  });
});
