/**
 * How the registry's business refusals are answered: 404 when the addressed aggregate
 * does not exist for this operator, 409 for any other refusal, each with its stable
 * reason code. The service kit's ProblemFilter handles everything else.
 */
import { problemTypeOf, type ProblemMapper } from '@chargeledger/platform/http';
import { RegistryRefusal } from '@chargeledger/registry/domain';

export const registryRefusalProblem: ProblemMapper = (error) =>
  error instanceof RegistryRefusal
    ? {
        problem: {
          type: problemTypeOf(error.code),
          title: error.isNotFound ? 'Not found' : 'The command was refused',
          status: error.isNotFound ? 404 : 409,
          detail: error.message,
          code: error.code,
        },
      }
    : undefined;

/** The registry's own errors as problems, for the service kit's ProblemFilter. */
export const REGISTRY_PROBLEMS = [registryRefusalProblem] as const;
