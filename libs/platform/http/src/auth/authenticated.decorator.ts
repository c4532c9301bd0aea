/**
 * `@Authenticated('operator')` on a controller (or handler): every request needs a valid
 * bearer token with one of the roles, and a route under `:operatorId` only ever serves
 * the token's own operator. The OpenAPI document reads the same roles.
 */
import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import type { ApiRole } from './api-token.verifier';
import { BearerAuthGuard } from './bearer-auth.guard';
import { API_ROLES_METADATA } from './roles.metadata';

export function Authenticated(...roles: [ApiRole, ...ApiRole[]]): ClassDecorator & MethodDecorator {
  return applyDecorators(SetMetadata(API_ROLES_METADATA, roles), UseGuards(BearerAuthGuard));
}
