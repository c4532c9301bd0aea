/**
 * Which tariff version prices a session: the highest version whose window
 * [validFrom, validTo) holds the session's start (the rule TariffVersionPublished states).
 * Overlapping windows are therefore never ambiguous: a later version wins where it is
 * valid, and an earlier one applies again where a later one's window has ended. The
 * decider refuses windows that start before their publication, so a version published
 * after a session started can never change which version that session resolves to.
 */
export interface TariffVersionWindow {
  readonly version: number;
  readonly validFrom: string;
  /** Exclusive; null = open-ended. */
  readonly validTo: string | null;
}

export function holds(window: TariffVersionWindow, instant: string): boolean {
  const at = Date.parse(instant);
  const endMs = window.validTo === null ? Infinity : Date.parse(window.validTo);
  return Date.parse(window.validFrom) <= at && at < endMs;
}

export function tariffVersionAt<V extends TariffVersionWindow>(
  versions: readonly V[],
  instant: string,
): V | undefined {
  return versions
    .filter((candidate) => holds(candidate, instant))
    .reduce<V | undefined>(
      (best, candidate) =>
        best === undefined || candidate.version > best.version ? candidate : best,
      undefined,
    );
}

/** A fact that holds from an instant of the log until the next one (an assignment, settings). */
export interface EffectiveFact {
  /** The envelope time of the event that recorded it. */
  readonly effectiveFrom: string;
  /** Its stream sequence: breaks ties between facts recorded in the same millisecond. */
  readonly sequence: number;
}

/** The fact in effect at `instant`: the latest recorded at or before it. */
export function inEffectAt<F extends EffectiveFact>(
  facts: readonly F[],
  instant: string,
): F | undefined {
  const at = Date.parse(instant);
  let found: F | undefined;
  for (const fact of facts) {
    if (Date.parse(fact.effectiveFrom) > at) continue;
    const [factMs, foundMs] = [
      Date.parse(fact.effectiveFrom),
      Date.parse(found?.effectiveFrom ?? ''),
    ];
    const later =
      found === undefined ||
      factMs > foundMs ||
      (factMs === foundMs && fact.sequence > found.sequence);
    if (later) found = fact;
  }
  return found;
}
