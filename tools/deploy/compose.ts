/**
 * Validation of docker-compose.yml without a Docker engine: the file (after variable
 * defaults are interpolated, as Compose does before validating) against the Compose
 * Specification JSON schema shipped in the `dclint` package, then the local stack's
 * policy. `docker compose config -q` also runs when the Compose plugin is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { CONTEXTS } from '@chargeledger/contracts';
import { HTTP_PORTS } from './k8s-policy';
import { at, isRecord, list, parseYamlStream, record, str, stringMap } from './manifest';

export interface ComposeResult {
  readonly problems: string[];
  readonly notes: string[];
}

function loadComposeSchema(): Json {
  const packageJson = require.resolve('dclint/package.json');
  const file = path.join(path.dirname(packageJson), 'schemas', 'compose.schema.json');
  const schema: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(schema)) throw new Error(`${file}: not a JSON schema object`);
  // The draft-07 meta-schema is addressed by an https URI Ajv does not alias; the schema
  // is trusted, so validate data against it without validating the schema itself.
  const { $schema: _metaSchema, ...rest } = schema;
  return rest;
}
type Json = Record<string, unknown>;

/** `${VAR:-default}`, `${VAR-default}`, `${VAR}`, `$VAR`: defaults only, so runs are stable. */
function interpolate(value: unknown): unknown {
  if (typeof value === 'string')
    return value
      .replace(
        /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g,
        (_all, _name, fallback?: string) => fallback ?? '',
      )
      .replace(/\$\$/g, '$');
  if (Array.isArray(value)) return value.map(interpolate);
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  return value;
}

function schemaProblems(compose: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  const validate = ajv.compile(loadComposeSchema());
  if (validate(compose)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `compose schema: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}${
        error.keyword === 'additionalProperties' ? ` (${JSON.stringify(error.params)})` : ''
      }`,
  );
}

function imageVersion(image: string | undefined): number[] {
  const tag = (image ?? '').split(':')[1] ?? '';
  const match = /^(\d+)(?:\.(\d+))?/.exec(tag);
  return match === null ? [] : [Number(match[1] ?? '0'), Number(match[2] ?? '0')];
}

function atLeast(version: number[], major: number, minor: number): boolean {
  const [have = 0, haveMinor = 0] = version;
  return have > major || (have === major && haveMinor >= minor);
}

function policyProblems(compose: unknown, root: string): string[] {
  const problems: string[] = [];
  const services = record(compose, 'services');
  const nats = services['nats'];
  const postgres = services['postgres'];
  if (!atLeast(imageVersion(str(nats, 'image')), 2, 10))
    problems.push('nats: image must be NATS 2.10+');
  if (!atLeast(imageVersion(str(postgres, 'image')), 16, 0))
    problems.push('postgres: image must be Postgres 16+');
  for (const name of ['nats', 'postgres'])
    if (list(services[name], 'healthcheck', 'test').length === 0)
      problems.push(`${name}: healthcheck missing`);
  for (const name of ['otel-collector', 'jaeger'])
    if (!isRecord(services[name])) problems.push(`${name}: service missing`);

  const volumes = list(nats, 'volumes').filter((v): v is string => typeof v === 'string');
  const dataVolume = volumes.find((v) => v.split(':')[1] === '/data')?.split(':')[0] ?? '';
  if (!(dataVolume in record(compose, 'volumes')))
    problems.push('nats: /data must be a named volume');
  for (const volume of volumes.filter((v) => v.startsWith('./'))) {
    const host = path.join(root, volume.split(':')[0] ?? '');
    if (!existsSync(host))
      problems.push(`nats: mounted file ${volume.split(':')[0] ?? ''} does not exist`);
    else if (!/^\s*sync_interval:\s*always\s*$/m.test(readFileSync(host, 'utf8')))
      problems.push(`nats: ${volume.split(':')[0] ?? ''} must set sync_interval: always`);
  }

  for (const app of CONTEXTS) {
    const service = services[app];
    if (!isRecord(service)) {
      problems.push(`${app}: service missing`);
      continue;
    }
    const command = list(service, 'command').join(' ');
    if (command !== `node -r @swc-node/register apps/${app}/src/main.ts`)
      problems.push(`${app}: command must start apps/${app}/src/main.ts`);
    if (stringMap(service, 'environment').get('HTTP_PORT') !== String(HTTP_PORTS[app]))
      problems.push(`${app}: HTTP_PORT must be ${HTTP_PORTS[app]}`);
    if (stringMap(service, 'environment').get('HTTP_HOST') !== '0.0.0.0')
      problems.push(`${app}: HTTP_HOST must be 0.0.0.0 to be reachable from other containers`);
    if (!list(service, 'healthcheck', 'test').join(' ').includes('/readyz'))
      problems.push(`${app}: healthcheck must probe /readyz`);
    for (const dependency of ['nats', 'postgres'])
      if (at(service, 'depends_on', dependency, 'condition') !== 'service_healthy')
        problems.push(`${app}: depends_on ${dependency} must wait for service_healthy`);
    const dockerfile = str(service, 'build', 'dockerfile') ?? 'Dockerfile';
    if (!existsSync(path.join(root, str(service, 'build', 'context') ?? '.', dockerfile)))
      problems.push(`${app}: build Dockerfile ${dockerfile} does not exist`);
  }
  return problems;
}

function dockerfileProblems(root: string): string[] {
  const file = path.join(root, 'Dockerfile');
  if (!existsSync(file)) return ['Dockerfile missing'];
  const text = readFileSync(file, 'utf8');
  const problems: string[] = [];
  const nodeVersion = /^ARG NODE_VERSION=(\S+)/m.exec(text)?.[1];
  const froms = [...text.matchAll(/^FROM\s+(\S+)/gm)].map((m) =>
    (m[1] ?? '').replace('${NODE_VERSION}', nodeVersion ?? ''),
  );
  if (froms.length < 2) problems.push('Dockerfile: expected a multi-stage build');
  if (!froms.every((image) => /^node:20([.-]|$)/.test(image)))
    problems.push('Dockerfile: every stage must be on node:20');
  if (!/^RUN\b.*\bnpm ci\b/m.test(text))
    problems.push('Dockerfile: dependencies must be installed with npm ci');
  if (!/^USER\s+(?!root\b|0\b)\S+/m.test(text))
    problems.push('Dockerfile: the runtime must not run as root');
  for (const match of text.matchAll(/^COPY\s+(?!--from)(.+)$/gm)) {
    const sources = (match[1] ?? '').trim().split(/\s+/).slice(0, -1);
    for (const source of sources.filter((s) => !s.startsWith('--'))) {
      if (!existsSync(path.join(root, source)))
        problems.push(`Dockerfile: COPY source ${source} does not exist`);
    }
  }
  return [...problems, ...runtimeLoaderProblems(root, text)];
}

/** Services compile TypeScript on load, so with --omit=dev the loader must be a production dependency. */
function runtimeLoaderProblems(root: string, dockerfile: string): string[] {
  if (!/npm ci\b.*--omit=dev/.test(dockerfile)) return [];
  const manifest: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dependencies =
    typeof manifest === 'object' &&
    manifest !== null &&
    'dependencies' in manifest &&
    typeof manifest.dependencies === 'object' &&
    manifest.dependencies !== null
      ? Object.keys(manifest.dependencies)
      : [];
  return ['@swc-node/register', '@swc/core', 'typescript']
    .filter((name) => !dependencies.includes(name))
    .map(
      (name) =>
        `Dockerfile: services load TypeScript at run time, so ${name} must be a production dependency`,
    );
}

/** `docker compose config -q` where the Compose plugin exists; a note where it does not. */
function composeCli(file: string): ComposeResult {
  const version = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  if (version.status !== 0)
    return {
      problems: [],
      notes: ['docker compose config: skipped, the Compose CLI plugin is not installed'],
    };
  const run = spawnSync('docker', ['compose', '-f', file, 'config', '-q'], { encoding: 'utf8' });
  return run.status === 0
    ? { problems: [], notes: ['docker compose config -q: passed'] }
    : { problems: [`docker compose config -q: ${run.stderr.trim()}`], notes: [] };
}

/** Validates a compose file; `root` is the directory its relative paths start from. */
export function validateCompose(
  file: string,
  options: { root?: string; cli?: boolean } = {},
): ComposeResult {
  const root = options.root ?? path.dirname(file);
  let documents: unknown[];
  try {
    documents = parseYamlStream(readFileSync(file, 'utf8'), file);
  } catch (error) {
    return { problems: [error instanceof Error ? error.message : String(error)], notes: [] };
  }
  if (documents.length !== 1)
    return { problems: [`${file}: expected exactly one YAML document`], notes: [] };
  const compose = interpolate(documents[0]);
  const problems = [
    ...schemaProblems(compose),
    ...policyProblems(compose, root),
    ...dockerfileProblems(root),
  ];
  const cli = options.cli === false ? { problems: [], notes: [] } : composeCli(file);
  return { problems: [...problems, ...cli.problems], notes: cli.notes };
}
