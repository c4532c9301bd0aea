/**
 * Business refusals of rating's commands, with stable reason codes clients can act on.
 * `RATING.INVALID_TARIFF` carries one entry per bad field of the OCPI tariff, named by
 * its path from the tariff (`tariff.elements[0].price_components[1].step_size`).
 */
import type { RatingInputError } from '@chargeledger/rating/tariff';

export const RATING_REFUSAL_CODES = [
  'RATING.INVALID_TARIFF',
  'RATING.TARIFF_NOT_FOUND',
  'RATING.TARIFF_ID_MISMATCH',
  'RATING.TARIFF_WINDOW_IN_BODY',
  'RATING.TARIFF_RETROACTIVE',
  'RATING.TARIFF_WINDOW_EMPTY',
  'RATING.TARIFF_CURRENCY_CHANGED',
  'RATING.TARIFF_VERSION_CONFLICT',
  'RATING.SESSION_LIMITS_NOT_FOUND',
  'RATING.SESSION_LIMITS_CONFLICT',
  'RATING.SESSION_LIMITS_LOOSENED',
  'RATING.LOYALTY_PROGRAMME_NOT_FOUND',
  'RATING.SESSION_NOT_FOUND',
  'RATING.RE_RATING_CONFLICT',
  'RATING.INVALID_CORRECTION',
  'RATING.UNRATABLE_CORRECTION',
] as const;

export type RatingRefusalCode = (typeof RATING_REFUSAL_CODES)[number];

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export class RatingRefusal extends Error {
  constructor(
    readonly code: RatingRefusalCode,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(`${code}: ${message}`);
    this.name = 'RatingRefusal';
  }

  get isNotFound(): boolean {
    return this.code.endsWith('_NOT_FOUND');
  }
}

/** The engine's field-level message lines (`path: message`) as field errors. */
export function fieldErrorsOf(error: RatingInputError): FieldError[] {
  return error.message.split('\n').map((line, index) => {
    const cut = line.indexOf(': ');
    const path = error.fieldPaths[index] ?? (cut < 0 ? 'tariff' : line.slice(0, cut));
    return { path, message: cut < 0 ? line : line.slice(cut + 2) };
  });
}
