/**
 * The session-rating reactor's appender: once JetStream has acknowledged a reaction's
 * events, each live cost and final outcome is also published, in order, on core NATS
 * `live.<operator>.<session>` for whoever follows that session (live-cost.feed.ts). The
 * message is the envelope as appended with its stream sequence in a header, so a viewer
 * drops what it already has and a retried reaction's republish is harmless. Core NATS
 * keeps nothing: with nobody listening the message is gone; the stream is the record.
 */
import { headers, type JetStreamClient, type NatsConnection } from 'nats';
import { z } from 'zod';
import {
  SessionCostUpdatedV1,
  SessionRatedV1,
  SessionRatingRefusedV1,
  type EventEnvelope,
  type Subjects,
} from '@chargeledger/contracts';
import {
  EventAppender,
  type AppenderOptions,
  type AppendResult,
} from '@chargeledger/platform/eventstore';

export const LIVE_SEQUENCE_HEADER = 'Chargeledger-Stream-Sequence';

export type LiveEventName = 'cost' | 'rated' | 'refused';

/** What a viewer of a session is sent, by event type; `rated` and `refused` end its feed. */
const LIVE_EVENT_NAMES: ReadonlyMap<string, LiveEventName> = new Map([
  [SessionCostUpdatedV1.type, 'cost'],
  [SessionRatedV1.type, 'rated'],
  [SessionRatingRefusedV1.type, 'refused'],
]);

export function liveEventNameOf(type: string): LiveEventName | undefined {
  return LIVE_EVENT_NAMES.get(type);
}

const ofSession = z.object({ sessionId: z.string() });

export class LivePublishingAppender extends EventAppender {
  constructor(
    js: JetStreamClient,
    options: AppenderOptions,
    private readonly nats: NatsConnection,
    private readonly subjects: Subjects,
  ) {
    super(js, options);
  }

  override async append(events: readonly EventEnvelope[]): Promise<AppendResult[]> {
    const results = await super.append(events);
    for (const [index, event] of events.entries()) {
      const sequence = results[index]?.sequence;
      if (sequence === undefined || liveEventNameOf(event.type) === undefined) continue;
      const { sessionId } = ofSession.parse(event.data);
      const header = headers();
      header.set(LIVE_SEQUENCE_HEADER, String(sequence));
      this.nats.publish(this.subjects.live(event.operatorid, sessionId), JSON.stringify(event), {
        headers: header,
      });
    }
    return results;
  }
}
