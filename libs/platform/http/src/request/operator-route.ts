/**
 * The operator part of every operator API route, `v1/operators/:operatorId`: its id
 * format and the wrapper that runs a handler as that operator's tenant. On an
 * `@Authenticated` controller the bearer guard has already made sure the path operator
 * is the token's.
 */
import { z } from 'zod';
import { operatorId } from '@chargeledger/contracts';
import { runAsTenant } from '@chargeledger/shared/tenancy';
import { validated } from '../problem/problem';

export const OPERATOR_ROUTE = 'v1/operators/:operatorId';

export const operatorParams = z.object({ operatorId });

/** Validates the operator in the path and runs the work as that tenant. */
export function asOperator<T>(params: unknown, work: () => Promise<T>): Promise<T> {
  const { operatorId: tenant } = validated(operatorParams, params, 'path');
  return runAsTenant(tenant, work);
}
