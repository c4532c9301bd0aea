// `chargeledger token` as a user runs it (the bin script in its own process): the token it
// prints is accepted by the services' verifier with the local stack's secret (what `npm
// start` configures) or with AUTH_JWT_SECRET when set; bad flags exit 2 with the usage.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ApiTokenVerifier } from '@chargeledger/platform/http';
import { LOCAL_DEV_AUTH_JWT_SECRET } from '@chargeledger/platform/local-stack';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'chargeledger.js');

function token(args: string[], env: Record<string, string> = {}) {
  const { AUTH_JWT_SECRET: _, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [BIN, 'token', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...inherited, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const verifierWith = (secret: string) =>
  new ApiTokenVerifier({ AUTH_JWT_SECRET: secret, AUTH_JWT_AUDIENCE: 'chargeledger' });

it('prints a token the local stack accepts, for the operator and role asked', async () => {
  const result = token(['--operator', 'acme', '--role', 'gateway']);
  expect(result.status).toBe(0);
  const principal = await verifierWith(LOCAL_DEV_AUTH_JWT_SECRET).principalOf(
    `Bearer ${result.stdout.trim()}`,
  );
  expect(principal).toEqual({ subject: 'gateway-cli', operatorId: 'acme', role: 'gateway' });
});

it('signs with AUTH_JWT_SECRET when it is set', async () => {
  const secret = 's'.repeat(40);
  const result = token(['--operator', 'acme'], { AUTH_JWT_SECRET: secret });
  const bearer = `Bearer ${result.stdout.trim()}`;
  await expect(verifierWith(secret).principalOf(bearer)).resolves.toMatchObject({
    role: 'operator',
  });
  await expect(verifierWith(LOCAL_DEV_AUTH_JWT_SECRET).principalOf(bearer)).rejects.toMatchObject({
    problem: { status: 401, code: 'AUTH.TOKEN_INVALID' },
  });
});

it('refuses a bad operator id or role with exit 2 and the usage', () => {
  const result = token(['--operator', 'ACME!', '--role', 'admin']);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('--operator');
  expect(result.stderr).toContain('Usage: chargeledger token');
});
