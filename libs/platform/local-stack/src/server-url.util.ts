/**
 * Reading the host and port out of the NATS and Postgres URLs the platform is
 * configured with, and redacting them for log lines. Only TCP URLs are understood:
 * the local stack decides between reusing and starting a server by host:port alone.
 */

const defaultPortByScheme: Readonly<Partial<Record<string, number>>> = {
  'nats:': 4222,
  'postgres:': 5432,
  'postgresql:': 5432,
};

export interface HostPort {
  host: string;
  port: number;
}

/** Host and port of a nats://, postgres:// or postgresql:// URL; throws on anything else. */
export function parseServerUrl(url: string): HostPort {
  const parsed = new URL(url);
  const defaultPort = defaultPortByScheme[parsed.protocol];
  if (defaultPort === undefined) {
    throw new Error(
      `Unsupported server URL ${redactUrl(url)}: expected nats://, postgres:// or postgresql://`,
    );
  }
  // URL keeps IPv6 literals in brackets; node:net wants them bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') {
    throw new Error(`Server URL ${redactUrl(url)} names no host`);
  }
  const port = parsed.port === '' ? defaultPort : Number(parsed.port);
  return { host, port };
}

/** The URL with any password replaced, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}
