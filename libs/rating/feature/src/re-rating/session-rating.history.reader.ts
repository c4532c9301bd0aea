/**
 * Loads the session-rating aggregate of one session from its subject,
 * `evt.rating.<operator>.session-rating.<pNN>.<sessionId>`, read message by message with
 * direct gets (`next_by_subj`): the state folded by the domain's evolveSessionRating and
 * the stream sequence of the subject's last message, which a re-rating's append expects.
 * State and version come from the same read, so a correction can never be decided on a
 * state older than the sequence it appends against. Live costs on the subject only move
 * the version; every id is kept so a retried command or redelivered fact finds its event.
 */
import { NatsError, type JetStreamManager, type StoredMsg } from 'nats';
import {
  eventCatalog,
  SessionRatedV1,
  SessionRatingRefusedV1,
  SessionReRatedV1,
  streamNameOf,
  Subjects,
  type EventData,
  type Namespace,
} from '@chargeledger/contracts';
import type { LoadedAggregate } from '@chargeledger/platform/eventstore';
import {
  evolveSessionRating,
  sessionRatingInitialState,
  type SessionRatingEvent,
  type SessionRatingState,
} from '@chargeledger/rating/domain';

const NO_MESSAGE_FOUND = 10_037;

export interface LoadedSessionRating extends LoadedAggregate<SessionRatingState> {
  readonly subject: string;
  /** Every event id on the subject. */
  readonly eventIds: ReadonlySet<string>;
  /** The re-ratings on the subject, by event id. */
  readonly reRatings: ReadonlyMap<string, EventData<typeof SessionReRatedV1>>;
}

function ratingEventOf(type: string, time: string, data: unknown): SessionRatingEvent | undefined {
  if (type === SessionRatedV1.type)
    return { type: 'SessionRated', time, data: SessionRatedV1.schema.parse(data) };
  if (type === SessionRatingRefusedV1.type)
    return { type: 'SessionRatingRefused', data: SessionRatingRefusedV1.schema.parse(data) };
  if (type === SessionReRatedV1.type)
    return { type: 'SessionReRated', data: SessionReRatedV1.schema.parse(data) };
  return undefined;
}

export class SessionRatingHistoryReader {
  private readonly subjects: Subjects;
  private readonly stream: string;

  constructor(
    private readonly manager: () => Promise<JetStreamManager>,
    namespace: Namespace,
  ) {
    this.subjects = new Subjects(namespace);
    this.stream = `${namespace.streamPrefix}${streamNameOf('rating')}`;
  }

  subjectOf(operatorId: string, sessionId: string): string {
    return this.subjects.event({
      context: 'rating',
      operatorId,
      aggregate: 'session-rating',
      id: sessionId,
    });
  }

  async load(operatorId: string, sessionId: string): Promise<LoadedSessionRating> {
    const jsm = await this.manager();
    const subject = this.subjectOf(operatorId, sessionId);
    const eventIds = new Set<string>();
    const reRatings = new Map<string, EventData<typeof SessionReRatedV1>>();
    let state = sessionRatingInitialState;
    let version = 0;
    for (;;) {
      const message = await this.next(jsm, subject, version + 1);
      if (message === undefined) return { state, version, subject, eventIds, reRatings };
      version = message.seq;
      const envelope = eventCatalog.decode(message.data);
      eventIds.add(envelope.id);
      const event = ratingEventOf(envelope.type, envelope.time, envelope.data);
      if (event === undefined) continue;
      if (event.type === 'SessionReRated') reRatings.set(envelope.id, event.data);
      state = evolveSessionRating(state, event);
    }
  }

  /** The last message on the session's subject, or undefined while it has none. */
  async latest(operatorId: string, sessionId: string): Promise<StoredMsg | undefined> {
    const jsm = await this.manager();
    return notFoundAsUndefined(() =>
      jsm.streams.getMessage(this.stream, { last_by_subj: this.subjectOf(operatorId, sessionId) }),
    );
  }

  private async next(jsm: JetStreamManager, subject: string, seq: number) {
    // STREAM.MSG.GET takes next_by_subj since nats-server 2.9; nats.js types omit it.
    const request = { seq, next_by_subj: subject } as unknown as { seq: number };
    return notFoundAsUndefined(() => jsm.streams.getMessage(this.stream, request));
  }
}

async function notFoundAsUndefined(get: () => Promise<StoredMsg>): Promise<StoredMsg | undefined> {
  try {
    return await get();
  } catch (error) {
    if (error instanceof NatsError && error.jsError()?.err_code === NO_MESSAGE_FOUND)
      return undefined;
    throw error;
  }
}
