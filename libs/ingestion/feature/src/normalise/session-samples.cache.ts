/**
 * The accepted samples of recently seen sessions, keyed by the version (subject sequence)
 * their state row holds, so a batch reloads from Postgres only the samples of sessions it
 * has not seen at that version. Sound because samples change only with a
 * MeterValuesRecorded on the session's subject, which moves the version: the samples at a
 * version are a function of the subject's events up to it. Entries are written from rows
 * read under the session's lock, or after the batch that changed them committed, never
 * from an uncommitted state; another replica's write shows as a different version and
 * reloads. Bounded: the least recently used session is forgotten first.
 */
import type { MeterSample } from '@chargeledger/ingestion/domain';

interface Entry {
  readonly version: number;
  /** In billing order, as the session state holds them. */
  readonly samples: readonly MeterSample[];
}

export class SessionSamplesCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly sessionsMax: number) {
    if (sessionsMax < 0) throw new RangeError('sessionsMax must be >= 0');
  }

  /** The session's samples at exactly `version`, or undefined when not known. */
  get(sessionId: string, version: number): readonly MeterSample[] | undefined {
    const entry = this.entries.get(sessionId);
    if (entry === undefined) return undefined;
    this.entries.delete(sessionId);
    if (entry.version !== version) return undefined;
    this.entries.set(sessionId, entry);
    return entry.samples;
  }

  /** Keeps committed samples of the session at `version`. */
  remember(sessionId: string, version: number, samples: readonly MeterSample[]): void {
    this.entries.delete(sessionId);
    if (this.sessionsMax === 0) return;
    this.entries.set(sessionId, { version, samples });
    if (this.entries.size > this.sessionsMax) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}
