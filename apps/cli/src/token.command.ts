// `chargeledger token --operator ID [--role ROLE] [--subject S] [--ttl SECONDS]`: prints a
// signed API token for the local stack, so `curl -H "Authorization: Bearer $(npx
// chargeledger token --operator acme)"` works against `npm start`. It signs with
// AUTH_JWT_SECRET when set, else with the local stack's public dev secret; production
// tokens come from the operator's identity provider, never from here.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { operatorId } from '@chargeledger/contracts';
import { API_ROLES, mintApiToken } from '@chargeledger/platform/http';
import { LOCAL_DEV_AUTH_JWT_SECRET } from '@chargeledger/platform/local-stack';
import { UsageError, type CliIo } from './cli.io';

export const TOKEN_USAGE = `Usage: chargeledger token --operator ID [--role ROLE] [--subject S] [--ttl SECONDS]

Prints a signed API token (HS256 JWT) for a local or test stack on stdout. Claims: sub,
operator_id, role, aud (AUTH_JWT_AUDIENCE, default "chargeledger"), iss when
AUTH_JWT_ISSUER is set, iat and exp. Signed with AUTH_JWT_SECRET when set, else with
the local stack's dev secret that "npm start" configures.

Flags:
  --operator ID     the operator the token acts for (lowercase letters, digits, "-")
  --role ROLE       operator (default), gateway or driver
  --subject S       who holds the token (default "<role>-cli")
  --ttl SECONDS     lifetime, 60..86400 (default 3600)
  -h, --help        show this text
`;

const flagsSchema = z.object({
  operator: operatorId,
  role: z.enum(API_ROLES).default('operator'),
  subject: z.string().min(1).max(255).optional(),
  ttl: z.coerce.number().int().min(60).max(86_400).default(3_600),
});

const OPTIONS = {
  operator: { type: 'string' },
  role: { type: 'string' },
  subject: { type: 'string' },
  ttl: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseFlags(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
}

export async function tokenCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { help, ...given } = parseFlags(args);
  if (help) {
    io.stdout(TOKEN_USAGE);
    return;
  }
  const parsed = flagsSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const { operator, role, subject, ttl } = parsed.data;
  const issuer = env['AUTH_JWT_ISSUER'];
  const token = await mintApiToken({
    secret: env['AUTH_JWT_SECRET'] || LOCAL_DEV_AUTH_JWT_SECRET,
    operatorId: operator,
    role,
    subject: subject ?? `${role}-cli`,
    audience: env['AUTH_JWT_AUDIENCE'] || 'chargeledger',
    ttlSeconds: ttl,
    issuedAtS: Math.floor(Date.now() / 1000),
    ...(issuer ? { issuer } : {}),
  });
  io.stdout(`${token}\n`);
}
