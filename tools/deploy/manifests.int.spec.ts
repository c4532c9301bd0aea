/**
 * Deployment manifests: every kustomize overlay renders with kubectl and passes schema
 * and policy validation, docker-compose.yml passes the Compose schema and stack policy,
 * and the validator demonstrably rejects broken input (so a green run means something).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validateCompose } from './compose';
import { checkPolicy, OVERLAY_EXPECTATIONS } from './k8s-policy';
import { validateSchemas } from './k8s-schema';
import { at, isRecord, list } from './manifest';
import { overlayDirs, render, validateAll } from './validate-manifests';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'tools', 'deploy', 'validate-manifests.ts');

function runCli(args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['-r', '@swc-node/register', SCRIPT, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const brokenDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'broken', namespace: 'chargeledger' },
  spec: {
    replicas: 'three',
    selector: { matchLabels: { app: 'broken' } },
    template: {
      metadata: { labels: { app: 'broken' } },
      spec: { containers: [{ name: 'broken', image: 'chargeledger:1' }] },
    },
  },
};

describe('deployment manifests', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'chargeledger-manifests-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('renders every overlay and validates it and docker-compose.yml', () => {
    const overlays = overlayDirs().map((dir) => path.basename(dir));
    expect(overlays).toEqual(expect.arrayContaining(Object.keys(OVERLAY_EXPECTATIONS)));

    const report = validateAll();
    expect(report.problems).toEqual([]);
    expect(report.checked).toHaveLength(overlays.length + 1);

    const cli = runCli([]);
    expect(cli.output).toContain('deployment manifests valid');
    expect(cli.status).toBe(0);
  });

  it('rejects a Deployment whose field has the wrong type, also through the CLI', () => {
    const { problems } = validateSchemas([brokenDeployment]);
    expect(problems).toEqual([
      expect.stringMatching(/Deployment\/broken.*spec\/replicas must be integer/),
    ]);

    const dir = path.join(scratch, 'broken-overlay');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'deployment.json'), JSON.stringify(brokenDeployment));
    writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - deployment.json\n');
    const cli = runCli(['--k8s', dir, '--no-compose']);
    expect(cli.status).toBe(1);
    expect(cli.output).toMatch(/spec\/replicas must be integer/);
  });

  it('rejects an unknown kind and a CloudNativePG Cluster without instances', () => {
    const { problems } = validateSchemas([
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} },
      { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg' }, spec: {} },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/Widget\/w: no schema known/),
      expect.stringMatching(/Cluster\/pg: spec.instances/),
      expect.stringMatching(/Cluster\/pg: spec.storage.size/),
    ]);
  });

  it('rejects a production render that drops the read-only root filesystem or a lag trigger', () => {
    const manifests = render(path.join(ROOT, 'deploy', 'k8s', 'overlays', 'production'));
    const rating = manifests.find(
      (m) => at(m, 'kind') === 'Deployment' && at(m, 'metadata', 'name') === 'rating',
    );
    const securityContext = at(
      rating,
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'securityContext',
    );
    const scaled = manifests.find(
      (m) => at(m, 'kind') === 'ScaledObject' && at(m, 'metadata', 'name') === 'payments',
    );
    const spec = at(scaled, 'spec');
    if (!isRecord(securityContext) || !isRecord(spec))
      throw new Error('render lacks rating/payments');
    securityContext['readOnlyRootFilesystem'] = false;
    spec['triggers'] = list(spec, 'triggers').slice(1);

    const problems = checkPolicy(manifests, OVERLAY_EXPECTATIONS['production']);
    expect(problems).toEqual([
      'Deployment/rating: container securityContext.readOnlyRootFilesystem must be true',
      'ScaledObject/payments: no lag trigger for EVT_INGESTION/payments-sessions',
    ]);
  });

  it('rejects a compose file that breaks the Compose schema or drops a readiness gate', () => {
    const original = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    const broken = original.replace(
      "      - '127.0.0.1:3001:3001'",
      "      - ['127.0.0.1:3001:3001']",
    );
    expect(broken).not.toEqual(original);
    const brokenRating = original.replace(
      "    command: ['node', '-r', '@swc-node/register', 'apps/rating/src/main.ts']",
      "    command: ['node', '-r', '@swc-node/register', 'apps/rating/src/main.ts']\n    depends_on:\n      nats:\n        condition: service_started",
    );
    expect(brokenRating).not.toEqual(original);
    // Relative paths in the file still resolve against the repository root.
    const file = path.join(scratch, 'compose-schema-broken.yml');
    const fileRating = path.join(scratch, 'compose-gate-broken.yml');
    writeFileSync(file, broken);
    writeFileSync(fileRating, brokenRating);

    const schema = validateCompose(file, { root: ROOT, cli: false });
    expect(schema.problems).toContain(
      'compose schema: /services/registry/ports/0 must match exactly one schema in oneOf',
    );
    expect(
      schema.problems.every((p) => p.startsWith('compose schema: /services/registry/ports/0 ')),
    ).toBe(true);
    const gate = validateCompose(fileRating, { root: ROOT, cli: false });
    expect(gate.problems).toEqual([
      'rating: depends_on nats must wait for service_healthy',
      'rating: depends_on postgres must wait for service_healthy',
    ]);
  });
});
