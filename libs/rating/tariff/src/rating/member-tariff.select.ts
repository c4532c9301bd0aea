// Member prices and tariff choice. A site may offer several tariffs: per OCPI TariffType
// (ad hoc payment, charging preference profiles, regular) and, beyond OCPI, per driver
// group (members, fleets). The tariff to rate with is the first candidate that is valid at
// the session start, fits the session's tariff type, and whose driver group (if any) the
// driver belongs to; candidates are given in order of preference.
import type { Tariff, TariffType } from '../model/tariff.schema';
import { instantMs } from '../model/cdr.schema';

export interface TariffCandidate {
  readonly tariff: Tariff;
  /** Only drivers in this group get this tariff (member price); absent = everyone. */
  readonly driverGroup?: string;
}

export interface TariffChoice {
  readonly sessionStart: string;
  readonly tariffType?: TariffType;
  readonly driverGroups?: readonly string[];
}

function validAt(tariff: Tariff, atMs: number): boolean {
  if (tariff.start_date_time !== undefined && atMs < instantMs(tariff.start_date_time))
    return false;
  return tariff.end_date_time === undefined || atMs < instantMs(tariff.end_date_time);
}

export function selectTariff(
  candidates: readonly TariffCandidate[],
  choice: TariffChoice,
): Tariff | undefined {
  const atMs = instantMs(choice.sessionStart);
  const groups = choice.driverGroups ?? [];
  return candidates.find(
    ({ tariff, driverGroup }) =>
      validAt(tariff, atMs) &&
      (tariff.type === undefined ||
        choice.tariffType === undefined ||
        tariff.type === choice.tariffType) &&
      (driverGroup === undefined || groups.includes(driverGroup)),
  )?.tariff;
}
