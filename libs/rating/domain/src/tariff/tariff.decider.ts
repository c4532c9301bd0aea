/**
 * The tariff aggregate (one subject per tariff in EVT_RATING): an operator publishes
 * immutable versions, each with its own validity window. Pure: the handler supplies the
 * publication instant (`now`); the OCPI body is validated by the engine's parseTariff.
 *
 * Rules: a version's window starts at or after its publication (no retroactive prices,
 * so resolution from the log never changes for a session already started; see
 * tariff-version.resolve.ts); it is not empty; the tariff's id is the addressed id and
 * its currency never changes between versions; the OCPI body carries no window of its
 * own (validFrom/validTo are the window); and a caller that states the version it saw
 * is refused when another version was published meanwhile.
 */
import { z } from 'zod';
import type {
  EventData,
  TariffRatingOptions,
  TariffVersionPublishedV2,
} from '@chargeledger/contracts';
import { parseTariff, RatingInputError } from '@chargeledger/rating/tariff';
import { fieldErrorsOf, RatingRefusal } from '../shared/rating-refusal';

export type TariffVersionData = EventData<typeof TariffVersionPublishedV2>;

export type TariffState =
  | { readonly status: 'unpublished' }
  | {
      readonly status: 'published';
      readonly tariffId: string;
      readonly currency: string;
      /** In version order, 1..n. */
      readonly versions: readonly TariffVersionData[];
    };

export type TariffEvent = {
  readonly type: 'TariffVersionPublished';
  readonly data: TariffVersionData;
};

export interface PublishTariffVersion {
  readonly type: 'PublishTariffVersion';
  readonly tariffId: string;
  /** The OCPI 2.2.1 Tariff object as received. */
  readonly tariff: unknown;
  /** Defaults to `now`. */
  readonly validFrom?: string;
  readonly validTo: string | null;
  /** The number of versions the caller saw; refused when the tariff has moved on. */
  readonly expectedVersion?: number;
  /** The publication instant, UTC ISO-8601. */
  readonly now: string;
  /** Rating options beyond OCPI (an overstay fee), validated at the edge. */
  readonly ratingOptions?: TariffRatingOptions;
}

export const tariffInitialState: TariffState = { status: 'unpublished' };

export function evolveTariff(state: TariffState, event: TariffEvent): TariffState {
  const { data } = event;
  const versions = state.status === 'published' ? state.versions : [];
  return {
    status: 'published',
    tariffId: data.tariffId,
    currency: data.currency,
    versions: [...versions, data],
  };
}

const ocpiObject = z.record(z.string(), z.unknown());

function validatedTariff(input: unknown): {
  raw: Record<string, unknown>;
  id: string;
  currency: string;
} {
  try {
    const parsed = parseTariff(input);
    return { raw: ocpiObject.parse(input), id: parsed.id, currency: parsed.currency };
  } catch (error) {
    if (!(error instanceof RatingInputError)) throw error;
    throw new RatingRefusal(
      'RATING.INVALID_TARIFF',
      'the tariff is not a valid OCPI 2.2.1 tariff',
      fieldErrorsOf(error),
    );
  }
}

function versionCount(state: TariffState): number {
  return state.status === 'published' ? state.versions.length : 0;
}

export function decideTariff(command: PublishTariffVersion, state: TariffState): TariffEvent[] {
  const current = versionCount(state);
  if (command.expectedVersion !== undefined && command.expectedVersion !== current)
    throw new RatingRefusal(
      'RATING.TARIFF_VERSION_CONFLICT',
      `tariff ${command.tariffId} is at version ${current}, not ${command.expectedVersion}`,
    );
  const tariff = validatedTariff(command.tariff);
  if (tariff.id !== command.tariffId)
    throw new RatingRefusal(
      'RATING.TARIFF_ID_MISMATCH',
      `the tariff's id ${tariff.id} is not the addressed tariff ${command.tariffId}`,
    );
  if ('start_date_time' in tariff.raw || 'end_date_time' in tariff.raw)
    throw new RatingRefusal(
      'RATING.TARIFF_WINDOW_IN_BODY',
      'a version is valid from validFrom to validTo; leave start_date_time and end_date_time out of the tariff',
    );
  const nowMs = Date.parse(command.now);
  const validFrom = new Date(command.validFrom ?? command.now).toISOString();
  if (Date.parse(validFrom) < nowMs)
    throw new RatingRefusal(
      'RATING.TARIFF_RETROACTIVE',
      `validFrom ${validFrom} is before the publication at ${command.now}: a version may not price sessions that already started`,
    );
  const validTo = command.validTo === null ? null : new Date(command.validTo).toISOString();
  if (validTo !== null && Date.parse(validTo) <= Date.parse(validFrom))
    throw new RatingRefusal(
      'RATING.TARIFF_WINDOW_EMPTY',
      `validTo ${validTo} is not after validFrom ${validFrom}`,
    );
  if (state.status === 'published' && state.currency !== tariff.currency)
    throw new RatingRefusal(
      'RATING.TARIFF_CURRENCY_CHANGED',
      `tariff ${command.tariffId} is priced in ${state.currency}; a version in ${tariff.currency} needs a new tariff`,
    );
  return [
    {
      type: 'TariffVersionPublished',
      data: {
        tariffId: command.tariffId,
        version: current + 1,
        currency: tariff.currency,
        validFrom,
        validTo,
        tariff: tariff.raw,
        ...(command.ratingOptions === undefined ? {} : { ratingOptions: command.ratingOptions }),
      },
    },
  ];
}
