/**
 * Stream specs, every option explicit. Event streams and the raw gateway log are kept
 * forever and never purged: they are the system of record. Replicas are a deployment
 * choice (1 on a laptop, 3 in production), everything else is fixed here.
 */
import type { Context } from '../envelope/contexts';
import type { Namespace } from './namespace';
import { Subjects } from './subjects';

export type StreamName = `EVT_${Uppercase<Context>}` | 'RAW_GATEWAY' | 'CMD_STATIONS' | 'DLQ';

export interface StreamSpec {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly retention: 'limits';
  readonly storage: 'file';
  readonly replicas: number;
  /** 0 keeps messages forever. */
  readonly maxAgeMs: number;
  /** -1 means no byte limit; the server's account limits still apply. */
  readonly maxBytes: number;
  readonly maxMsgSizeBytes: number;
  readonly duplicateWindowMs: number;
  /** `new` refuses writes at a limit rather than dropping kept history. */
  readonly discard: 'old' | 'new';
  readonly denyDelete: boolean;
  readonly denyPurge: boolean;
  readonly allowRollup: boolean;
}

export const DUPLICATE_WINDOW_MS = 2 * 60_000;
const DAY_MS = 86_400_000;

export function streamNameOf(context: Context): StreamName {
  return `EVT_${context.toUpperCase() as Uppercase<Context>}`;
}

export function streamSpecs(
  namespace: Namespace,
  replicas: number,
): Record<StreamName, StreamSpec> {
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5)
    throw new RangeError(`replicas must be 1..5`);
  const subjects = new Subjects(namespace);
  const keptForever = {
    retention: 'limits',
    storage: 'file',
    replicas,
    maxAgeMs: 0,
    maxBytes: -1,
    discard: 'new',
    denyDelete: true,
    denyPurge: true,
    allowRollup: false,
  } as const;
  const named = (name: StreamName): string => `${namespace.streamPrefix}${name}`;
  const eventStream = (context: Context): StreamSpec => ({
    ...keptForever,
    name: named(streamNameOf(context)),
    subjects: [subjects.contextWildcard(context)],
    maxMsgSizeBytes: 1_048_576,
    duplicateWindowMs: DUPLICATE_WINDOW_MS,
  });
  return {
    EVT_REGISTRY: eventStream('registry'),
    EVT_INGESTION: eventStream('ingestion'),
    EVT_RATING: eventStream('rating'),
    EVT_PAYMENTS: eventStream('payments'),
    EVT_INVOICING: eventStream('invoicing'),
    EVT_ANALYTICS: eventStream('analytics'),
    RAW_GATEWAY: {
      ...keptForever,
      name: named('RAW_GATEWAY'),
      subjects: [subjects.gatewayFilter()],
      maxMsgSizeBytes: 1_048_576,
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
    },
    CMD_STATIONS: {
      ...keptForever,
      name: named('CMD_STATIONS'),
      subjects: [subjects.commandFilter()],
      maxAgeMs: 30 * DAY_MS,
      discard: 'old',
      denyPurge: false,
      maxMsgSizeBytes: 65_536,
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
    },
    DLQ: {
      ...keptForever,
      name: named('DLQ'),
      subjects: [subjects.deadLetterFilter()],
      maxMsgSizeBytes: 2_097_152,
      duplicateWindowMs: DUPLICATE_WINDOW_MS,
    },
  };
}
