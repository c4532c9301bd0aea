/**
 * Signs an HS256 API token with the claims the verifier expects, for the local stack's
 * `chargeledger token` command and for tests. Production tokens come from the operator's
 * identity provider, signed with its private key.
 */
import { SignJWT } from 'jose';
import type { ApiRole } from './api-token.verifier';

export interface ApiTokenRequest {
  readonly secret: string;
  readonly operatorId: string;
  readonly role: ApiRole;
  readonly subject: string;
  readonly audience: string;
  readonly ttlSeconds: number;
  readonly issuer?: string;
  /** Seconds since the epoch; the token is valid from here for `ttlSeconds`. */
  readonly issuedAtS: number;
}

export function mintApiToken(request: ApiTokenRequest): Promise<string> {
  const jwt = new SignJWT({ operator_id: request.operatorId, role: request.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setAudience(request.audience)
    .setIssuedAt(request.issuedAtS)
    .setExpirationTime(request.issuedAtS + request.ttlSeconds);
  if (request.issuer !== undefined) jwt.setIssuer(request.issuer);
  return jwt.sign(new TextEncoder().encode(request.secret));
}
