/**
 * Plain-data access to parsed YAML (Kubernetes manifests, compose files) without casts:
 * every read checks the shape it expects and yields undefined otherwise.
 */
import { parseAllDocuments } from 'yaml';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a path of object keys and array indexes; undefined where the shape differs. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (!isRecord(current)) return undefined;
      current = current[key];
    }
  }
  return current;
}

export function str(value: unknown, ...path: (string | number)[]): string | undefined {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

export function num(value: unknown, ...path: (string | number)[]): number | undefined {
  const found = at(value, ...path);
  return typeof found === 'number' ? found : undefined;
}

export function list(value: unknown, ...path: (string | number)[]): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function record(value: unknown, ...path: (string | number)[]): Json {
  const found = at(value, ...path);
  return isRecord(found) ? found : {};
}

/** String-valued entries of an object (labels, selectors, ConfigMap data). */
export function stringMap(value: unknown, ...path: (string | number)[]): Map<string, string> {
  const entries = Object.entries(record(value, ...path)).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return new Map(entries);
}

/** Parses a multi-document YAML stream; a syntax error in any document throws. */
export function parseYamlStream(text: string, source: string): unknown[] {
  const documents = parseAllDocuments(text, { merge: true });
  if (!Array.isArray(documents)) return [];
  return documents
    .map((document, index) => {
      const [error] = document.errors;
      if (error !== undefined)
        throw new Error(`${source}: YAML document ${index + 1}: ${error.message}`);
      return document.toJS({ maxAliasCount: 1000 }) as unknown;
    })
    .filter((document) => document !== null && document !== undefined);
}

/** `Kind/name` for messages. */
export function describe(manifest: unknown): string {
  return `${str(manifest, 'kind') ?? '<no kind>'}/${str(manifest, 'metadata', 'name') ?? '<no name>'}`;
}
