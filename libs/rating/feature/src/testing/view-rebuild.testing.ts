/**
 * Rebuilds one of rating's views from sequence 1 into a fresh schema (its durable's, or
 * its partitioned family's, stream and filter from the topology) and verifies it against
 * the live tables; answers
 * each table's [live rows, rebuilt rows] and fails the test, naming the first differing
 * row, when they are not byte-identical.
 */
import { consumerSpecsOf, eventCatalog } from '@chargeledger/contracts';
import {
  formatVerification,
  liveSourceOf,
  rebuildProjection,
  verifyProjection,
  type Projection,
} from '@chargeledger/platform/eventstore';
import { DatabaseResource, NatsResource } from '@chargeledger/platform/service';
import { RATING_MIGRATIONS } from '../migrations/rating.migrations';
import type { RatingFixture } from './rating.fixture';

export async function rebuiltViewMatches(
  rating: RatingFixture,
  projection: Projection,
): Promise<Record<string, number[]>> {
  const { namespace } = rating.suite;
  const live = liveSourceOf(consumerSpecsOf('rating', namespace), projection.consumer, namespace);
  const result = await rebuildProjection({
    js: rating.service.app.get(NatsResource).jetstream,
    catalog: eventCatalog,
    databaseUrl: rating.suite.databaseUrl,
    liveSchema: rating.schema,
    projection,
    liveConsumers: live.durables,
    sources: [live.source],
    migrations: RATING_MIGRATIONS,
    batchSizeMax: 3,
    fetchExpiresMs: 1_000,
    consumerInactiveMs: 60_000,
    onProgress: () => undefined,
  });
  const verification = await verifyProjection({
    dataSource: rating.service.app.get(DatabaseResource).dataSource,
    liveSchema: rating.schema,
    rebuildSchema: result.schema,
    tables: projection.tables,
  });
  if (!verification.equal) process.stdout.write(`${formatVerification(verification)}\n`);
  expect(verification.equal).toBe(true);
  return Object.fromEntries(
    verification.tables.map((table) => [table.name, [table.liveRows, table.rebuildRows]]),
  );
}
