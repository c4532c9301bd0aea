/**
 * Verifies the bearer JWTs callers present, locally (no call to an identity provider per
 * request): signature, expiry, audience and issuer by `jose`, then the claims by a zod
 * schema. The key comes from the service configuration: an HS256 secret (local and test
 * stacks), a PEM public key, or a JWKS URL whose keys are fetched and cached.
 */
import { createPublicKey } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTVerifyOptions,
  type JWTVerifyResult,
} from 'jose';
import { z } from 'zod';
import { operatorId } from '@chargeledger/contracts';
import {
  API_TOKEN_KEY_VARIABLES,
  ConfigError,
  type ServiceConfig,
} from '@chargeledger/shared/config';
import { ProblemError } from '../problem/problem';

/** `operator` calls the operator API, `gateway` posts station events, `driver` follows a session. */
export const API_ROLES = ['operator', 'gateway', 'driver'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export const apiTokenClaims = z.object({
  sub: z.string().min(1).max(255),
  operator_id: operatorId,
  role: z.enum(API_ROLES),
});

export interface ApiPrincipal {
  readonly subject: string;
  readonly operatorId: string;
  readonly role: ApiRole;
}

export type ApiTokenSettings = Pick<
  ServiceConfig,
  | 'AUTH_JWT_SECRET'
  | 'AUTH_JWT_PUBLIC_KEY'
  | 'AUTH_JWKS_URL'
  | 'AUTH_JWT_ISSUER'
  | 'AUTH_JWT_AUDIENCE'
>;
export const API_TOKEN_SETTINGS = Symbol('API_TOKEN_SETTINGS');

/** Clock skew accepted on `exp`/`nbf`/`iat` between the token's issuer and this service. */
const CLOCK_TOLERANCE_S = 30;
// Explicit JWKS fetch bounds rather than jose's defaults (STYLE.md: bound everything).
const JWKS_TIMEOUT_MS = 5_000;
const JWKS_COOLDOWN_MS = 30_000;
const JWKS_CACHE_MAX_AGE_MS = 600_000;

type Verify = (token: string, options: JWTVerifyOptions) => Promise<JWTVerifyResult>;

function verifyOf(settings: ApiTokenSettings): Verify {
  if (settings.AUTH_JWT_SECRET !== undefined) {
    const secret = new TextEncoder().encode(settings.AUTH_JWT_SECRET);
    return (token, options) => jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
  }
  // Asymmetric keys only ever verify asymmetric algorithms: no HS256-with-a-public-key confusion.
  const algorithms = ['RS256', 'PS256', 'ES256', 'EdDSA'];
  if (settings.AUTH_JWT_PUBLIC_KEY !== undefined) {
    const publicKey = createPublicKey(settings.AUTH_JWT_PUBLIC_KEY);
    return (token, options) => jwtVerify(token, publicKey, { ...options, algorithms });
  }
  if (settings.AUTH_JWKS_URL !== undefined) {
    const jwks = createRemoteJWKSet(new URL(settings.AUTH_JWKS_URL), {
      timeoutDuration: JWKS_TIMEOUT_MS,
      cooldownDuration: JWKS_COOLDOWN_MS,
      cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
    });
    return (token, options) => jwtVerify(token, jwks, { ...options, algorithms });
  }
  throw new ConfigError(
    API_TOKEN_KEY_VARIABLES.join(' | '),
    'is required: this service authenticates its API; set exactly one',
  );
}

function unauthorized(code: string, detail: string): ProblemError {
  const challenge = code === 'AUTH.TOKEN_MISSING' ? 'Bearer' : 'Bearer error="invalid_token"';
  return new ProblemError(
    { status: 401, code, title: 'Not authenticated', detail },
    { 'WWW-Authenticate': challenge },
  );
}

export class ApiTokenVerifier {
  private readonly verify: Verify;

  /** Throws a ConfigError naming the variables when no key source is configured. */
  constructor(private readonly settings: ApiTokenSettings) {
    this.verify = verifyOf(settings);
  }

  /** The principal of an `Authorization` header, or a 401 problem saying why not. */
  async principalOf(authorization: string | undefined): Promise<ApiPrincipal> {
    const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '')?.[1];
    if (token === undefined)
      throw unauthorized('AUTH.TOKEN_MISSING', 'send Authorization: Bearer <token>');
    const options = {
      audience: this.settings.AUTH_JWT_AUDIENCE,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'sub'],
      ...(this.settings.AUTH_JWT_ISSUER === undefined
        ? {}
        : { issuer: this.settings.AUTH_JWT_ISSUER }),
    };
    let payload: unknown;
    try {
      ({ payload } = await this.verify(token, options));
    } catch (error) {
      if (error instanceof errors.JOSEError)
        throw unauthorized('AUTH.TOKEN_INVALID', `the token was refused (${error.code})`);
      throw error;
    }
    const claims = apiTokenClaims.safeParse(payload);
    if (!claims.success)
      throw unauthorized('AUTH.TOKEN_INVALID', 'the token lacks sub, operator_id or role');
    const { sub, operator_id, role } = claims.data;
    return { subject: sub, operatorId: operator_id, role };
  }
}
