/**
 * Renders every kustomize overlay under deploy/k8s/overlays with `kubectl kustomize` and
 * validates the result (schemas: k8s-schema.ts, policy: k8s-policy.ts), then validates
 * docker-compose.yml (compose.ts). Needs kubectl on PATH, no cluster and no network.
 *
 *   node -r @swc-node/register tools/deploy/validate-manifests.ts
 *       [--k8s <kustomization dir>]... [--compose <file>] [--no-compose]
 *
 * Without --k8s every overlay is checked; a directory named like a known overlay is also
 * held to that overlay's replica counts. Exits 1 listing every problem found.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { validateCompose } from './compose';
import { checkPolicy, OVERLAY_EXPECTATIONS } from './k8s-policy';
import { validateSchemas } from './k8s-schema';
import { parseYamlStream } from './manifest';

export interface Report {
  readonly checked: string[];
  readonly problems: string[];
  readonly notes: string[];
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function render(kustomizationDir: string): unknown[] {
  const output = execFileSync('kubectl', ['kustomize', kustomizationDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseYamlStream(output, `kubectl kustomize ${kustomizationDir}`);
}

function commandError(error: unknown): string {
  if (error instanceof Error && 'stderr' in error) {
    const stderr = String(error.stderr).trim();
    if (stderr !== '') return stderr;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Schema and policy problems of one kustomization, each prefixed with its name. */
export function validateKustomization(dir: string): Report {
  const label = path.relative(REPO_ROOT, dir) || dir;
  let manifests: unknown[];
  try {
    manifests = render(dir);
  } catch (error) {
    return {
      checked: [label],
      problems: [`${label}: does not render: ${commandError(error)}`],
      notes: [],
    };
  }
  const schemas = validateSchemas(manifests);
  const policy = checkPolicy(manifests, OVERLAY_EXPECTATIONS[path.basename(dir)]);
  return {
    checked: [`${label} (${manifests.length} objects)`],
    problems: [...schemas.problems, ...policy].map((problem) => `${label}: ${problem}`),
    notes:
      schemas.structuralOnly.length === 0
        ? []
        : [
            `${label}: structural check only (no offline schema): ${schemas.structuralOnly.join(', ')}`,
          ],
  };
}

export function overlayDirs(root: string = REPO_ROOT): string[] {
  const overlays = path.join(root, 'deploy', 'k8s', 'overlays');
  if (!existsSync(overlays)) return [];
  return readdirSync(overlays, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(overlays, entry.name))
    .sort();
}

export function validateAll(options: { k8s?: string[]; compose?: string | null } = {}): Report {
  const dirs = options.k8s ?? overlayDirs();
  const reports = dirs.map(validateKustomization);
  if (dirs.length === 0)
    reports.push({ checked: [], problems: ['no kustomize overlay found'], notes: [] });
  const composeFile =
    options.compose === undefined ? path.join(REPO_ROOT, 'docker-compose.yml') : options.compose;
  if (composeFile !== null) {
    const compose = validateCompose(composeFile, { root: path.dirname(composeFile) });
    const label = path.relative(REPO_ROOT, composeFile) || composeFile;
    reports.push({
      checked: [label],
      problems: compose.problems.map((problem) => `${label}: ${problem}`),
      notes: compose.notes.map((note) => `${label}: ${note}`),
    });
  }
  return {
    checked: reports.flatMap((r) => r.checked),
    problems: reports.flatMap((r) => r.problems),
    notes: reports.flatMap((r) => r.notes),
  };
}

function parseArgs(args: readonly string[]): { k8s?: string[]; compose?: string | null } {
  const k8s: string[] = [];
  let compose: string | null | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === '--no-compose') compose = null;
    else if ((arg === '--k8s' || arg === '--compose') && value !== undefined) {
      if (arg === '--k8s') k8s.push(path.resolve(value));
      else compose = path.resolve(value);
      i++;
    } else throw new Error(`unknown argument ${arg ?? ''}; see the header of this script`);
  }
  return { ...(k8s.length > 0 ? { k8s } : {}), ...(compose === undefined ? {} : { compose }) };
}

function main(): void {
  const report = validateAll(parseArgs(process.argv.slice(2)));
  for (const item of report.checked) console.log(`checked ${item}`);
  for (const note of report.notes) console.log(`note: ${note}`);
  if (report.problems.length > 0) {
    console.error(`\n${report.problems.length} problem(s):`);
    for (const problem of report.problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
    return;
  }
  console.log('deployment manifests valid');
}

if (require.main === module) main();
