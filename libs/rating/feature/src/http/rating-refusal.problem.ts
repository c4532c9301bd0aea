/**
 * How rating's refusals are answered: 404 when the addressed tariff does not exist for
 * this operator, 422 with one entry per bad field for an invalid tariff or sample session
 * (paths from the request body, e.g. `body.tariff.elements[0].price_components[0].price`),
 * 409 for any other refusal, each with its stable reason code.
 */
import { problemTypeOf, type ProblemMapper } from '@chargeledger/platform/http';
import { fieldErrorsOf, RatingRefusal, type FieldError } from '@chargeledger/rating/domain';
import { RatingInputError } from '@chargeledger/rating/tariff';

function inBody(errors: readonly FieldError[]): { path: string; message: string }[] {
  return errors.map((e) => ({ path: `body.${e.path}`, message: e.message }));
}

export const ratingRefusalProblem: ProblemMapper = (error) => {
  if (error instanceof RatingInputError)
    return {
      problem: {
        type: problemTypeOf(error.code),
        title: 'The tariff or the sample session is invalid',
        status: 422,
        detail: error.message,
        code: error.code,
        errors: inBody(fieldErrorsOf(error)),
      },
    };
  if (!(error instanceof RatingRefusal)) return undefined;
  const invalid = error.fieldErrors.length > 0;
  return {
    problem: {
      type: problemTypeOf(error.code),
      title: error.isNotFound ? 'Not found' : 'The command was refused',
      status: error.isNotFound ? 404 : invalid ? 422 : 409,
      detail: error.message,
      code: error.code,
      ...(invalid ? { errors: inBody(error.fieldErrors) } : {}),
    },
  };
};

/** Rating's own errors as problems, for the service kit's ProblemFilter. */
export const RATING_PROBLEMS = [ratingRefusalProblem] as const;
