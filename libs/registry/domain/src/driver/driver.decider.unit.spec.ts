import type { CustomerAccountState } from '../customer-account/customer-account.decider';
import { specOf } from '../testing/given-when-then';
import { decideDriver, driverInitialState, evolveDriver, type DriverEvent } from './driver.decider';

const given = specOf({
  initialState: driverInitialState,
  evolve: evolveDriver,
  decide: decideDriver,
});
const accountId = '0190c3d2-7b1a-7c4e-9f00-00000000a001';
const driverId = '0190c3d2-7b1a-7c4e-9f00-00000000d001';
const account: CustomerAccountState = {
  status: 'active',
  accountId,
  kind: 'individual',
  billingMode: 'per_session',
  currency: 'EUR',
  lastDunningEndedAt: null,
};
const register = { type: 'RegisterDriver', driverId, accountId, account } as const;
const registered: DriverEvent = { type: 'DriverRegistered', data: { driverId, accountId } };
const at = '2026-03-01T10:00:00.000Z';
const erase = { type: 'EraseDriverPersonalData', driverId, at } as const;
const erased: DriverEvent = { type: 'DriverPersonalDataErased', data: { driverId, erasedAt: at } };

describe('driver', () => {
  it('registers a driver on an open account', () => {
    given([]).when(register).then([registered]);
  });

  it('refuses to register a driver twice', () => {
    given([registered]).when(register).thenRefuses('REGISTRY.DRIVER_ALREADY_REGISTERED');
  });

  it('refuses an account that is not open', () => {
    given([])
      .when({ ...register, account: { status: 'unopened' } })
      .thenRefuses('REGISTRY.UNKNOWN_ACCOUNT');
  });

  it('erases personal data once, keeping the driver id', () => {
    given([registered]).when(erase).then([erased]);
    given([registered, erased])
      .when(erase)
      .thenRefuses('REGISTRY.DRIVER_PERSONAL_DATA_ALREADY_ERASED');
  });

  it('refuses to erase an unknown driver', () => {
    given([]).when(erase).thenRefuses('REGISTRY.DRIVER_NOT_FOUND');
  });
});
