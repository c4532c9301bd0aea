/**
 * Waits for rating's session reactor, and feeds sessions to it as stations do. A fact the
 * reactor handles after its session's end gets no running cost or limit check, so a test
 * that expects those appends the running session first and its end once reacted to.
 */
import { z } from 'zod';
import type { EventEnvelope } from '@chargeledger/contracts';
import { RATING_SESSION_RATINGS_CONSUMER } from '../rating.workers';
import type { RatingFixture } from './rating.fixture';

/**
 * Appends a session as a station reports it: its facts, then (once rating has reacted to
 * them) its end. A fact handled after its session's end gets no live cost or limit check.
 */
export async function runThenEnd(
  rating: RatingFixture,
  events: readonly EventEnvelope[],
): Promise<void> {
  const running = events.slice(0, -1);
  await rating.append(running);
  await reacted(rating, running);
  await rating.append(events.slice(-1));
  await reacted(rating, events);
}

export async function reacted(rating: RatingFixture, events: readonly EventEnvelope[]) {
  const ids = events.map((e) => e.id);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [row] = z
      .array(z.object({ n: z.coerce.number() }))
      .parse(
        await rating.query(
          `SELECT count(*) AS n FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
          [RATING_SESSION_RATINGS_CONSUMER, ids],
        ),
      );
    if (row?.n === ids.length) return;
    if (Date.now() > deadline) throw new Error(`reacted to ${row?.n} of ${ids.length} events`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
