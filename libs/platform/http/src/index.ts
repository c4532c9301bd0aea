/**
 * @chargeledger/platform/http: the HTTP edge every service's API shares: problem+json
 * errors naming the field, cursor pagination, Idempotency-Key (parsing and the
 * same-request check), the operator route, bearer-JWT authentication with roles and
 * tenant checks, and the OpenAPI document generated from the handlers' zod schemas.
 */
export * from './problem/problem';
export * from './problem/problem.filter';
export * from './request/pagination';
export * from './request/idempotency-key';
export * from './request/operator-route';
export * from './request/projection-wait';
export * from './openapi/api-operation.decorator';
export * from './openapi/read-operation.specs';
export * from './openapi/openapi.document';
export * from './openapi/openapi.module';
export * from './auth/api-token.verifier';
export * from './auth/api-token.mint';
export * from './auth/authenticated.decorator';
export * from './auth/bearer-auth.guard';
export * from './request/idempotent-request.interceptor';
