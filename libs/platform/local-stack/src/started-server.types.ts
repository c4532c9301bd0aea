/**
 * What a launcher hands back for a server it started: where it answers, and how to
 * stop it. Launchers own their process and log file; the data directory they write
 * into belongs to the local stack, which removes it after every launcher has stopped.
 */
export interface StartedServer {
  url: string;
  /** Graceful, bounded, idempotent; resolves once the server's processes are gone. */
  stop: () => Promise<void>;
}
