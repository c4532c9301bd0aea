/** Where `@Authenticated` keeps its roles, read by the guard and the OpenAPI document. */
import { z } from 'zod';
import { API_ROLES, type ApiRole } from './api-token.verifier';

export const API_ROLES_METADATA = 'chargeledger:api-roles';

/** The roles declared on a handler, else on its controller; undefined when public. */
export function apiRolesOf(handler: object, controller: object): readonly ApiRole[] | undefined {
  const declared: unknown =
    Reflect.getMetadata(API_ROLES_METADATA, handler) ??
    Reflect.getMetadata(API_ROLES_METADATA, controller);
  return declared === undefined ? undefined : z.array(z.enum(API_ROLES)).parse(declared);
}
