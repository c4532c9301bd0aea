/**
 * Prints a station secret file's content for the password read from stdin (never from
 * argv, which ends up in shell history and `ps`). One trailing newline is dropped, so
 * `echo` and `printf '%s'` give the same secret. Usage (see README, Operations):
 *   printf '%s' "$PASSWORD" | node -r @swc-node/register \
 *     libs/ingestion/feature/src/ocpp/station-secret.cli.ts > "$STATION_CREDENTIALS_DIR/<ref>"
 */
import { text } from 'node:stream/consumers';
import { hashStationPassword } from './station-secret';

const MIN_PASSWORD_BYTES = 16;

async function main(): Promise<void> {
  const password = Buffer.from((await text(process.stdin)).replace(/\r?\n$/, ''), 'utf8');
  if (password.length < MIN_PASSWORD_BYTES) {
    process.stderr.write(`station password must be at least ${MIN_PASSWORD_BYTES} bytes\n`);
    process.exit(64);
  }
  process.stdout.write(`${hashStationPassword(password)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
