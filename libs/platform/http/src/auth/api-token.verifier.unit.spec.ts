/**
 * The verifier with each key source it can be given offline: an HS256 secret and a PEM
 * public key (ES256). Audience, issuer and algorithm confusion are refused with 401.
 */
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { ConfigError } from '@chargeledger/shared/config';
import { mintApiToken } from './api-token.mint';
import { ApiTokenVerifier } from './api-token.verifier';

const claims = { operator_id: 'acme', role: 'operator' };
const secret = 'k'.repeat(32);
const hs256 = new ApiTokenVerifier({ AUTH_JWT_SECRET: secret, AUTH_JWT_AUDIENCE: 'chargeledger' });
const minted = (audience = 'chargeledger', issuer?: string) =>
  mintApiToken({
    secret,
    operatorId: 'acme',
    role: 'operator',
    subject: 'ops-1',
    audience,
    ttlSeconds: 60,
    issuedAtS: Math.floor(Date.now() / 1000),
    ...(issuer === undefined ? {} : { issuer }),
  });
const refused = { problem: { status: 401, code: 'AUTH.TOKEN_INVALID' } };

it('accepts a minted HS256 token and returns its principal', async () => {
  await expect(hs256.principalOf(`Bearer ${await minted()}`)).resolves.toEqual({
    subject: 'ops-1',
    operatorId: 'acme',
    role: 'operator',
  });
});

it('refuses another audience, and another issuer when one is configured', async () => {
  await expect(hs256.principalOf(`Bearer ${await minted('elsewhere')}`)).rejects.toMatchObject(
    refused,
  );
  const withIssuer = new ApiTokenVerifier({
    AUTH_JWT_SECRET: secret,
    AUTH_JWT_AUDIENCE: 'chargeledger',
    AUTH_JWT_ISSUER: 'https://idp.example',
  });
  await expect(withIssuer.principalOf(`Bearer ${await minted()}`)).rejects.toMatchObject(refused);
  await expect(
    withIssuer.principalOf(`Bearer ${await minted('chargeledger', 'https://idp.example')}`),
  ).resolves.toMatchObject({ operatorId: 'acme' });
});

it('verifies ES256 with a PEM public key and refuses HS256 signed with that key', async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const pem = await exportSPKI(publicKey);
  const verifier = new ApiTokenVerifier({
    AUTH_JWT_PUBLIC_KEY: pem,
    AUTH_JWT_AUDIENCE: 'chargeledger',
  });
  const es256 = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject('ops-1')
    .setAudience('chargeledger')
    .setExpirationTime('1m')
    .sign(privateKey);
  await expect(verifier.principalOf(`Bearer ${es256}`)).resolves.toMatchObject({
    role: 'operator',
  });
  // The classic confusion: the public key's PEM used as an HMAC secret.
  const confused = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('ops-1')
    .setAudience('chargeledger')
    .setExpirationTime('1m')
    .sign(new TextEncoder().encode(pem));
  await expect(verifier.principalOf(`Bearer ${confused}`)).rejects.toMatchObject(refused);
});

it('cannot be built without a key source', () => {
  expect(() => new ApiTokenVerifier({ AUTH_JWT_AUDIENCE: 'chargeledger' })).toThrow(ConfigError);
});
