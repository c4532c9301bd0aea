/**
 * Reads station secrets from a directory with one file per credentialsRef (the registry
 * names a station's secret, never holds it): in Kubernetes a Secret mounted as files,
 * locally any directory. Files are read on each login, so a rotated secret applies to the
 * next connection without a restart. A ref that is not a plain file name is never turned
 * into a path; a missing or malformed secret lets nobody in.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GatewayLogger } from '@chargeledger/ingestion/ocpp-gateway';
import { parseStationSecret, type StationSecret } from './station-secret';

/** What a Secret key may be, and nothing that walks out of the directory. */
const SECRET_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

export interface StationCredentials {
  /** The station's secret, or undefined when there is none usable. */
  secretOf(credentialsRef: string): Promise<StationSecret | undefined>;
}

export class DirectoryStationCredentials implements StationCredentials {
  constructor(
    private readonly directory: string,
    private readonly logger: GatewayLogger,
  ) {}

  async secretOf(credentialsRef: string): Promise<StationSecret | undefined> {
    if (!SECRET_FILE_NAME.test(credentialsRef)) {
      this.logger.warn({ credentialsRef }, 'station credentialsRef is not a secret file name');
      return undefined;
    }
    let text: string;
    try {
      text = await readFile(join(this.directory, credentialsRef), 'utf8');
    } catch (error) {
      if (isMissing(error)) {
        this.logger.warn({ credentialsRef }, 'station secret file missing; login refused');
        return undefined;
      }
      throw error;
    }
    const secret = parseStationSecret(text);
    if (secret === undefined)
      this.logger.error({ credentialsRef }, 'station secret file malformed; login refused');
    return secret;
  }
}

/** Used when no directory is configured: every OCPP-J login is refused. */
export class NoStationCredentials implements StationCredentials {
  secretOf(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
