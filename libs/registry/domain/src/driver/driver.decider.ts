/**
 * Driver: a person who charges on a customer account, known to events only by a
 * pseudonymous id. Erasure removes the personal data the registry holds elsewhere and
 * records that fact; the driver id stays so the billing log replays unchanged.
 */
import { z } from 'zod';
import {
  pseudonymousId,
  utcTimestamp,
  type DriverPersonalDataErasedV1,
  type DriverRegisteredV1,
  type EventData,
} from '@chargeledger/contracts';
import type { CustomerAccountState } from '../customer-account/customer-account.decider';
import { assertNever } from '../shared/assert-never';
import { refuse } from '../shared/registry-refusal';

const identity = { driverId: pseudonymousId, accountId: pseudonymousId };
export const driverStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unregistered') }),
  z.strictObject({ status: z.literal('registered'), ...identity }),
  z.strictObject({ status: z.literal('erased'), ...identity, erasedAt: utcTimestamp }),
]);
export type DriverState = z.infer<typeof driverStateSchema>;

export type DriverEvent =
  | { readonly type: 'DriverRegistered'; readonly data: EventData<typeof DriverRegisteredV1> }
  | {
      readonly type: 'DriverPersonalDataErased';
      readonly data: EventData<typeof DriverPersonalDataErasedV1>;
    };

export type DriverCommand =
  | {
      readonly type: 'RegisterDriver';
      readonly driverId: string;
      readonly accountId: string;
      /** The account the driver joins, as the registry knows it. */
      readonly account: CustomerAccountState;
    }
  | { readonly type: 'EraseDriverPersonalData'; readonly driverId: string; readonly at: string };

export const driverInitialState: DriverState = { status: 'unregistered' };

export function evolveDriver(state: DriverState, event: DriverEvent): DriverState {
  switch (event.type) {
    case 'DriverRegistered':
      return { status: 'registered', ...event.data };
    case 'DriverPersonalDataErased':
      if (state.status === 'unregistered') return state;
      return {
        status: 'erased',
        driverId: state.driverId,
        accountId: state.accountId,
        erasedAt: event.data.erasedAt,
      };
    default:
      return assertNever(event);
  }
}

export function decideDriver(command: DriverCommand, state: DriverState): DriverEvent[] {
  switch (command.type) {
    case 'RegisterDriver':
      if (state.status !== 'unregistered')
        refuse('REGISTRY.DRIVER_ALREADY_REGISTERED', `driver ${command.driverId} exists`);
      if (command.account.status === 'unopened')
        refuse('REGISTRY.UNKNOWN_ACCOUNT', `account ${command.accountId} is not open`);
      return [
        {
          type: 'DriverRegistered',
          data: { driverId: command.driverId, accountId: command.accountId },
        },
      ];
    case 'EraseDriverPersonalData':
      if (state.status === 'unregistered')
        refuse('REGISTRY.DRIVER_NOT_FOUND', `driver ${command.driverId} is not registered`);
      if (state.status === 'erased')
        refuse(
          'REGISTRY.DRIVER_PERSONAL_DATA_ALREADY_ERASED',
          `driver ${command.driverId}'s personal data was erased at ${state.erasedAt}`,
        );
      return [
        {
          type: 'DriverPersonalDataErased',
          data: { driverId: command.driverId, erasedAt: command.at },
        },
      ];
    default:
      return assertNever(command);
  }
}
