/**
 * The token a session is charged to: the one its Started message presents, or, for a
 * session started without one (plugged in first, authorised later), the first one a later
 * Updated or Ended presents. The decision itself (unknown, blocked, expired) is the
 * registry's, computed by the caller and passed in as data; here it only becomes facts.
 * A refused token never drops the session: the energy was delivered, so the session is
 * recorded with its token reference and flagged for review instead of billed silently.
 */
import { tokenRefOf, type TokenAuthorization } from '@chargeledger/contracts';
import { toUtc } from '../ocpp/meter-sample.normalise';
import type { TransactionEvent } from '../ocpp/transaction-event.schema';
import { assertNever } from '../shared/assert-never';
import type { IngestionReasonCode } from './ingestion-rejection';
import type { IngestTransactionEvent } from './session.command';
import type { SessionEvent, SessionState } from './session.state';

type IdToken = TransactionEvent['idToken'];

/** The uid to judge: none for a free-vend (NoAuthorization) or empty token. */
function judgedTokenUid(
  idToken: { readonly idToken: string; readonly type: string } | undefined,
): string | undefined {
  if (idToken === undefined || idToken.type === 'NoAuthorization' || idToken.idToken === '')
    return undefined;
  return idToken.idToken;
}

/**
 * The token a message presents and when (UTC), so the caller can ask the registry view
 * before deciding; undefined when it presents none.
 */
export function presentedTokenOf(
  message: TransactionEvent,
): { uid: string; at: string } | undefined {
  const uid = judgedTokenUid(message.idToken);
  return uid === undefined ? undefined : { uid, at: toUtc(message.timestamp) };
}

/** The reference of the token the session is charged to, once it has one. */
function sessionTokenRefOf(state: SessionState): string | undefined {
  if (state.status === 'unknown') return undefined;
  return state.start.tokenRef ?? state.laterTokenRef;
}

/**
 * What an accepted message after the start says of the token when it presents the first
 * one of a session started without: the SessionTokenPresented, and the
 * SessionFlaggedForReview if the registry refused it (judged like a start token). None when
 * the session has its token already, the message presents none, or the session has
 * ended: it was billed at its end, so a token shown after it (a buffered message flushed
 * late, a resent Ended) changes nothing.
 */
export function laterTokenFacts(
  command: IngestTransactionEvent,
  state: SessionState,
  message: TransactionEvent,
): { readonly presented: SessionEvent; readonly flag: SessionEvent | undefined } | undefined {
  if (state.status !== 'open' || sessionTokenRefOf(state) !== undefined) return undefined;
  const { sessionId } = state.start;
  const token = startTokenFacts(command, sessionId, message.idToken);
  if (token === undefined) return undefined;
  const presentedAt = toUtc(message.timestamp);
  return {
    presented: {
      type: 'SessionTokenPresented',
      data: { sessionId, tokenRef: token.tokenRef, presentedAt },
    },
    flag: token.flag,
  };
}

export interface StartToken {
  readonly tokenRef: string;
  /** A SessionFlaggedForReview when the registry did not accept the token. */
  readonly flag: SessionEvent | undefined;
}

export function startTokenFacts(
  command: IngestTransactionEvent,
  sessionId: string,
  idToken: IdToken,
): StartToken | undefined {
  const uid = judgedTokenUid(idToken);
  if (uid === undefined) return undefined;
  const decision = command.tokenAuthorization;
  if (decision === undefined) throw new Error(`token of session ${sessionId} was not judged`);
  const tokenRef = tokenRefOf(command.operatorId, uid);
  const code = reasonCodeOf(decision);
  if (code === undefined) return { tokenRef, flag: undefined };
  const detail = `token ${tokenRef} is ${decision.status} (${decision.reason})`;
  return {
    tokenRef,
    flag: { type: 'SessionFlaggedForReview', data: { sessionId, reasonCode: code, detail } },
  };
}

function reasonCodeOf(decision: TokenAuthorization): IngestionReasonCode | undefined {
  switch (decision.status) {
    case 'ACCEPTED':
      return undefined;
    case 'UNKNOWN':
      return 'INGESTION.UNKNOWN_TOKEN';
    case 'BLOCKED':
    case 'EXPIRED':
      return 'INGESTION.TOKEN_NOT_ACCEPTED';
    default:
      return assertNever(decision.status);
  }
}
