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
 * The token an accepted message after the start presents to a session that has none yet:
 * judged like a start token. Undefined when the session has one, or none is presented.
 */
export function laterTokenFacts(
  command: IngestTransactionEvent,
  state: SessionState,
  message: TransactionEvent,
): StartToken | undefined {
  if (state.status === 'unknown' || sessionTokenRefOf(state) !== undefined) return undefined;
  return startTokenFacts(command, state.start.sessionId, message.idToken);
}

/**
 * The state after an accepted message presented the session's first token after the
 * start: the session records the reference (its SessionFlaggedForReview names it too when
 * the registry refused it).
 */
export function withLaterToken(state: SessionState, token: StartToken | undefined): SessionState {
  if (token === undefined || state.status === 'unknown') return state;
  return { ...state, laterTokenRef: token.tokenRef };
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
