/**
 * Child process for the reactor crash test: runs one batch of the test reactor against
 * an existing fixture and is SIGKILLed by the `reactor-after-publish` fault point, after
 * the derived events are published and before they are recorded as processed.
 * Reads REACTOR_FIXTURE (JSON: label, natsUrl, databaseUrl) from the environment.
 */
import 'reflect-metadata';
import { z } from 'zod';
import { configureFaultHooks } from '@chargeledger/shared/fault-hooks';
import { NoticingReactor, openReactorParts } from './reactor.fixture';

async function main(): Promise<void> {
  const address = z
    .object({ label: z.string(), natsUrl: z.string(), databaseUrl: z.string() })
    .parse(JSON.parse(process.env['REACTOR_FIXTURE'] ?? 'null'));
  configureFaultHooks('reactor-after-publish=crash');
  const parts = await openReactorParts(address);
  await parts.runner(new NoticingReactor(parts.namespace), true, 10).runOnce();
  await parts.close();
}

main().then(
  () => {
    process.stderr.write('reactor crash script: survived the fault point\n');
    process.exit(3);
  },
  (error: unknown) => {
    process.stderr.write(`reactor crash script: ${String(error)}\n`);
    process.exit(2);
  },
);
