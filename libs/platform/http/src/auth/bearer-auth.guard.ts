/**
 * Authenticates a request and decides who may see what, before any handler or
 * validation runs: no or a bad token is 401, a role the route does not serve is 403, and
 * a path operator other than the token's is the generic 404, so another operator's
 * resources are indistinguishable from ones that do not exist (no BOLA, no oracle).
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { notFoundProblem, ProblemError } from '../problem/problem';
import { API_TOKEN_SETTINGS, ApiTokenVerifier, type ApiTokenSettings } from './api-token.verifier';
import { apiRolesOf } from './roles.metadata';

@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly verifier: ApiTokenVerifier;

  // Built here, at boot, so a service that authenticates fails to start without a key.
  constructor(@Inject(API_TOKEN_SETTINGS) settings: ApiTokenSettings) {
    this.verifier = new ApiTokenVerifier(settings);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const principal = await this.verifier.principalOf(request.headers.authorization);
    const roles = apiRolesOf(context.getHandler(), context.getClass()) ?? [];
    if (!roles.includes(principal.role))
      throw new ProblemError({
        status: 403,
        code: 'AUTH.ROLE_FORBIDDEN',
        title: 'Forbidden',
        detail: `this route serves the ${roles.join(' or ')} role, not ${principal.role}`,
      });
    const pathOperator = request.params['operatorId'];
    if (pathOperator !== undefined && pathOperator !== principal.operatorId)
      throw notFoundProblem();
    return true;
  }
}
