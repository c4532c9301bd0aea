/**
 * Makes an Idempotency-Key mean "this exact request": the first command request with a
 * key records the request's fingerprint (method, route, path parameters, body) for its
 * operator; a later request with the same key and another fingerprint is refused with
 * 422 REQUEST.IDEMPOTENCY_KEY_REUSED before its handler runs, so it can neither change
 * data nor read the first request's result. The same request goes on to the handler,
 * whose idempotent command execution answers the original result.
 *
 * A request refused as invalid (400) releases its claim: nothing ran, so the caller may
 * fix the body and retry with the same key. Runs after the bearer guard, so only the
 * path's own operator can claim keys; where the fingerprints are kept is the service's
 * `IdempotencyKeyLedger`.
 */
import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, type Observable } from 'rxjs';
import { runAsTenant } from '@chargeledger/shared/tenancy';
import { ProblemError, ValidationProblem } from '../problem/problem';
import { idempotencyKeyOf, requestFingerprint } from './idempotency-key';

/** Keeps the fingerprint of each operator's keys; runs inside the operator's tenant context. */
export interface IdempotencyKeyLedger {
  /** Records `fingerprint` for the key unless it has one, and answers the one it has. */
  claim(idempotencyKey: string, fingerprint: string): Promise<string>;
  /** Forgets the key, if it still holds `fingerprint`. */
  release(idempotencyKey: string, fingerprint: string): Promise<void>;
}
export const IDEMPOTENCY_KEY_LEDGER = Symbol('IDEMPOTENCY_KEY_LEDGER');

export class IdempotencyKeyReusedError extends ProblemError {
  constructor() {
    super({
      status: 422,
      code: 'REQUEST.IDEMPOTENCY_KEY_REUSED',
      title: 'Idempotency-Key reused',
      detail: 'this Idempotency-Key was already used for a different request',
    });
    this.name = 'IdempotencyKeyReusedError';
  }
}

@Injectable()
export class IdempotentRequestInterceptor implements NestInterceptor {
  constructor(@Inject(IDEMPOTENCY_KEY_LEDGER) private readonly ledger: IdempotencyKeyLedger) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const operatorId = request.params['operatorId'];
    if (request.method === 'GET' || typeof operatorId !== 'string') return next.handle();
    const key = idempotencyKeyOf(request.headers['idempotency-key']);
    if (key === undefined) return next.handle();
    const body: unknown = request.body;
    const fingerprint = requestFingerprint({
      method: request.method,
      route: routePatternOf(request),
      params: request.params,
      body: body ?? null,
    });
    const claimed = await runAsTenant(operatorId, () => this.ledger.claim(key, fingerprint));
    if (claimed !== fingerprint) throw new IdempotencyKeyReusedError();
    return next.handle().pipe(
      catchError((error: unknown) =>
        from(
          (async () => {
            if (error instanceof ValidationProblem)
              await runAsTenant(operatorId, () => this.ledger.release(key, fingerprint));
            throw error;
          })(),
        ),
      ),
    );
  }
}

/** The route pattern the request matched (`/v1/operators/:operatorId/sites`). */
function routePatternOf(request: Request): string {
  const route: unknown = request.route;
  return typeof route === 'object' && route !== null && 'path' in route
    ? String(route.path)
    : request.path;
}
