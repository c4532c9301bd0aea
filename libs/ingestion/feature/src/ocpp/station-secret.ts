/**
 * A station's OCPP-J Basic auth secret as stored: `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`,
 * never the password. scrypt (node:crypto) with a random salt per secret makes a leaked
 * secret file expensive to reverse; the comparison is constant-time. Parameters travel in
 * the secret so they can be raised later without breaking older secrets.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** ~50 ms and 32 MiB per check: a charger logs in rarely, a guesser pays the same. */
export const STATION_SECRET_SCRYPT: ScryptParameters = { N: 32_768, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const base64 = z.base64().min(1);

const costParameter = (max: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,6}$/)
    .transform(Number)
    .pipe(z.int().max(max));

const stationSecretSchema = z
  .string()
  .trim()
  .transform((text) => text.split('$'))
  .pipe(
    z.tuple([
      z.literal('scrypt'),
      costParameter(1_048_576).refine((N) => N >= 1_024 && (N & (N - 1)) === 0, {
        error: 'N must be a power of two of at least 1024',
      }),
      costParameter(32),
      costParameter(16),
      base64,
      base64,
    ]),
  );

export interface StationSecret {
  readonly parameters: ScryptParameters;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** Undefined when the text is not a secret in this format (the reason is not the caller's). */
export function parseStationSecret(text: string): StationSecret | undefined {
  const parsed = stationSecretSchema.safeParse(text);
  if (!parsed.success) return undefined;
  const [, N, r, p, salt, hash] = parsed.data;
  return {
    parameters: { N, r, p },
    salt: Buffer.from(salt, 'base64'),
    hash: Buffer.from(hash, 'base64'),
  };
}

export function hashStationPassword(
  password: Uint8Array,
  parameters: ScryptParameters = STATION_SECRET_SCRYPT,
): string {
  const salt = randomBytes(SALT_BYTES);
  const hash = derive(password, salt, HASH_BYTES, parameters);
  const { N, r, p } = parameters;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function stationPasswordMatches(secret: StationSecret, password: Uint8Array): boolean {
  const candidate = derive(password, secret.salt, secret.hash.length, secret.parameters);
  return timingSafeEqual(candidate, secret.hash);
}

function derive(
  password: Uint8Array,
  salt: Buffer,
  length: number,
  { N, r, p }: ScryptParameters,
): Buffer {
  // scrypt needs 128·N·r bytes; node's default cap (32 MiB) refuses exactly that at N=2^15
  return scryptSync(password, salt, length, { N, r, p, maxmem: 256 * N * r });
}
