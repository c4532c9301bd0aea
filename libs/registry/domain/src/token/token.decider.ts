/**
 * Token: an OCPI token (RFID card, app user, ad-hoc user, other) issued to a customer
 * account and optionally to one of its drivers, with an optional expiry; operators block
 * and unblock it. The aggregate id is the pseudonymous token reference; the uid is kept
 * as issued and compared canonicalised.
 */
import { z } from 'zod';
import {
  pseudonymousId,
  tokenBlockReason,
  tokenType,
  utcTimestamp,
  type EventData,
  type TokenBlockedV1,
  type TokenIssuedV1,
  type TokenUnblockedV1,
} from '@chargeledger/contracts';
import type { CustomerAccountState } from '../customer-account/customer-account.decider';
import type { DriverState } from '../driver/driver.decider';
import { assertNever } from '../shared/assert-never';
import { refuse } from '../shared/registry-refusal';

const issued = {
  tokenId: z.uuid(),
  uid: z.string(),
  type: tokenType,
  accountId: pseudonymousId,
  driverId: pseudonymousId.nullable(),
  expiresAt: utcTimestamp.nullable(),
};
export const tokenStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unissued') }),
  z.strictObject({ status: z.literal('active'), ...issued }),
  z.strictObject({ status: z.literal('blocked'), ...issued, blockReason: tokenBlockReason }),
]);
export type TokenState = z.infer<typeof tokenStateSchema>;
export type TokenBlockReason = z.infer<typeof tokenBlockReason>;

export type TokenEvent =
  | { readonly type: 'TokenIssued'; readonly data: EventData<typeof TokenIssuedV1> }
  | { readonly type: 'TokenBlocked'; readonly data: EventData<typeof TokenBlockedV1> }
  | { readonly type: 'TokenUnblocked'; readonly data: EventData<typeof TokenUnblockedV1> };

export type IssueToken = {
  readonly type: 'IssueToken';
  readonly tokenId: string;
  readonly uid: string;
  readonly tokenType: z.infer<typeof tokenType>;
  readonly accountId: string;
  readonly driverId: string | null;
  readonly expiresAt: string | null;
  readonly at: string;
  /** The account and driver the command refers to, as the registry knows them. */
  readonly account: CustomerAccountState;
  readonly driver: DriverState | null;
};

export type TokenCommand =
  | IssueToken
  | {
      readonly type: 'BlockToken';
      readonly tokenId: string;
      readonly reason: TokenBlockReason;
    }
  | { readonly type: 'UnblockToken'; readonly tokenId: string };

export const tokenInitialState: TokenState = { status: 'unissued' };

export function evolveToken(state: TokenState, event: TokenEvent): TokenState {
  switch (event.type) {
    case 'TokenIssued':
      return { status: 'active', ...event.data };
    case 'TokenBlocked':
      if (state.status === 'unissued') return state;
      return { ...issuedPart(state), status: 'blocked', blockReason: event.data.reason };
    case 'TokenUnblocked':
      if (state.status === 'unissued') return state;
      return { ...issuedPart(state), status: 'active' };
    default:
      return assertNever(event);
  }
}

export function decideToken(command: TokenCommand, state: TokenState): TokenEvent[] {
  switch (command.type) {
    case 'IssueToken':
      return [issueToken(command, state)];
    case 'BlockToken':
      if (state.status === 'unissued') return notFound(command.tokenId);
      if (state.status === 'blocked')
        refuse('REGISTRY.TOKEN_ALREADY_BLOCKED', `token is blocked (${state.blockReason})`);
      return [{ type: 'TokenBlocked', data: { tokenId: command.tokenId, reason: command.reason } }];
    case 'UnblockToken':
      if (state.status === 'unissued') return notFound(command.tokenId);
      if (state.status === 'active') refuse('REGISTRY.TOKEN_NOT_BLOCKED', 'token is not blocked');
      return [{ type: 'TokenUnblocked', data: { tokenId: command.tokenId } }];
    default:
      return assertNever(command);
  }
}

function issueToken(command: IssueToken, state: TokenState): TokenEvent {
  if (state.status !== 'unissued')
    refuse('REGISTRY.TOKEN_ALREADY_ISSUED', `uid ${command.uid} is already issued`);
  if (command.account.status === 'unopened')
    refuse('REGISTRY.UNKNOWN_ACCOUNT', `account ${command.accountId} is not open`);
  if (command.driverId !== null) {
    const driver = command.driver ?? { status: 'unregistered' };
    if (driver.status === 'unregistered')
      refuse('REGISTRY.UNKNOWN_DRIVER', `driver ${command.driverId} is not registered`);
    if (driver.accountId !== command.accountId)
      refuse('REGISTRY.DRIVER_OF_ANOTHER_ACCOUNT', `driver belongs to another account`);
  }
  if (command.expiresAt !== null && Date.parse(command.expiresAt) <= Date.parse(command.at))
    refuse('REGISTRY.TOKEN_EXPIRY_NOT_IN_FUTURE', `expiry ${command.expiresAt} has passed`);
  const { tokenId, uid, tokenType: type, accountId, driverId, expiresAt } = command;
  return { type: 'TokenIssued', data: { tokenId, uid, type, accountId, driverId, expiresAt } };
}

function issuedPart(state: Exclude<TokenState, { status: 'unissued' }>) {
  const { tokenId, uid, type, accountId, driverId, expiresAt } = state;
  return { tokenId, uid, type, accountId, driverId, expiresAt };
}

function notFound(tokenId: string): never {
  return refuse('REGISTRY.TOKEN_NOT_FOUND', `token ${tokenId} is not issued`);
}
