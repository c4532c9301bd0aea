/**
 * Follows one session's cost for a viewer, as server-sent events: first the latest
 * session-rating event of the session in EVT_RATING (the last message on its subject),
 * then what rating publishes on core NATS `live.<operator>.<session>` (no JetStream
 * consumer per viewer). The subscription opens before the stream is read, and every
 * event carries its stream sequence, so nothing falls between the two and nothing is
 * sent twice or out of order. `cost` events repeat until `rated` (or `refused`) ends the
 * feed. Bounded: a heartbeat comment every 15 s, at most 30 minutes per connection (an
 * EventSource reconnects and starts again from the latest cost), at most
 * LIVE_FEEDS_MAX open per process, 64 KiB unsent per viewer; a client that goes away
 * is unsubscribed at once. When the last event is a re-rating (or a declined one), the
 * feed sends the CDR in effect as `rated` (or the refusal as `refused`) and ends.
 */
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import type { Msg, StoredMsg, Subscription } from 'nats';
import { z } from 'zod';
import { Subjects } from '@chargeledger/contracts';
import { ProblemError } from '@chargeledger/platform/http';
import { NatsResource, SERVICE_LOGGER } from '@chargeledger/platform/service';
import type { Logger } from '@chargeledger/shared/observability';
import { SessionRatingHistoryReader } from '../re-rating/session-rating.history.reader';
import {
  LIVE_SEQUENCE_HEADER,
  liveEventNameOf,
  type LiveEventName,
} from './live-publishing.appender';

export const LIVE_HEARTBEAT_MS = 15_000;
export const LIVE_LIFETIME_MS = 30 * 60_000;
export const LIVE_FEEDS_MAX = 5_000;
const UNSENT_BYTES_MAX = 64 * 1_024;
const LATEST_READ_TIMEOUT_MS = 5_000;

const liveEnvelope = z.object({ type: z.string(), data: z.unknown() });
const sequenceHeader = z.coerce.number().int().min(1);

interface LiveEvent {
  readonly sequence: number;
  readonly name: LiveEventName;
  readonly data: unknown;
}

function liveEventOf(sequence: unknown, message: Msg | StoredMsg): LiveEvent | undefined {
  let body: unknown;
  try {
    body = message.json();
  } catch {
    return undefined;
  }
  const envelope = liveEnvelope.safeParse(body);
  const seq = sequenceHeader.safeParse(sequence);
  if (!envelope.success || !seq.success) return undefined;
  const name = liveEventNameOf(envelope.data.type);
  return name === undefined ? undefined : { sequence: seq.data, name, data: envelope.data.data };
}

@Injectable()
export class LiveCostFeed implements OnModuleDestroy {
  private readonly open = new Set<Subscription>();

  constructor(
    private readonly nats: NatsResource,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Streams the session's cost to `response` until it is rated, the client leaves or time is up. */
  async follow(operatorId: string, sessionId: string, response: Response): Promise<void> {
    if (this.open.size >= LIVE_FEEDS_MAX)
      throw new ProblemError({
        status: 503,
        code: 'RATING.LIVE_FEEDS_FULL',
        title: 'Too many live feeds',
        detail: `this replica follows ${LIVE_FEEDS_MAX} sessions already; retry shortly`,
      });
    const { namespace } = this.nats.topology;
    const subjects = new Subjects(namespace);
    const subscription = this.nats.nats.subscribe(subjects.live(operatorId, sessionId));
    this.open.add(subscription);
    const close = () => {
      subscription.unsubscribe();
    };
    response.on('close', close);
    const lifetime = setTimeout(close, LIVE_LIFETIME_MS);
    let heartbeat: NodeJS.Timeout | undefined;
    try {
      const latest = await this.latest(operatorId, sessionId);
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
      });
      heartbeat = setInterval(
        () => this.write(response, ': heartbeat\n\n', close),
        LIVE_HEARTBEAT_MS,
      );
      let sent = 0;
      const send = (event: LiveEvent): boolean => {
        if (event.sequence <= sent) return false;
        sent = event.sequence;
        const { name } = event;
        this.write(
          response,
          `event: ${name}\nid: ${sent}\ndata: ${JSON.stringify(event.data)}\n\n`,
          close,
        );
        return name !== 'cost';
      };
      if (latest !== undefined && send(latest)) return;
      for await (const message of subscription) {
        const event = liveEventOf(message.headers?.get(LIVE_SEQUENCE_HEADER), message);
        if (event === undefined) {
          this.logger.warn({ subject: message.subject }, 'live: message without a live event');
          continue;
        }
        if (send(event)) return;
      }
    } finally {
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      close();
      this.open.delete(subscription);
      response.off('close', close);
      if (response.headersSent) response.end();
    }
  }

  onModuleDestroy(): void {
    for (const subscription of this.open) subscription.unsubscribe();
  }

  private async latest(operatorId: string, sessionId: string): Promise<LiveEvent | undefined> {
    const manager = () =>
      this.nats.nats.jetstreamManager({ checkAPI: false, timeout: LATEST_READ_TIMEOUT_MS });
    const history = new SessionRatingHistoryReader(manager, this.nats.topology.namespace);
    const message = await history.latest(operatorId, sessionId);
    if (message === undefined) return undefined;
    const live = liveEventOf(message.seq, message);
    if (live !== undefined) return live;
    // A re-rating or a declined one: the outcome in effect ends the feed.
    const { state, version } = await history.load(operatorId, sessionId);
    if (state.status === 'rated') return { sequence: version, name: 'rated', data: state.current };
    if (state.status === 'refused')
      return { sequence: version, name: 'refused', data: state.refusal };
    return undefined;
  }

  /** Writes, or gives up on a client that reads slower than the session changes. */
  private write(response: Response, chunk: string, close: () => void): void {
    if (response.writableLength > UNSENT_BYTES_MAX) close();
    else response.write(chunk);
  }
}
