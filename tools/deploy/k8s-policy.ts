/**
 * Deployment policy for rendered chargeledger manifests: what the schema cannot say.
 * Each service has probes on /healthz and /readyz, limits, a hardened security context,
 * a Service, PDB and NetworkPolicy selecting its pods, and a ScaledObject whose lag
 * triggers are exactly the durables the contracts library gives that service; NATS
 * fsyncs every write and forms a cluster of the declared size; references resolve.
 */
import {
  CONTEXTS,
  PRODUCTION_NAMESPACE,
  consumerSpecsOf,
  type Context,
} from '@chargeledger/contracts';
import { at, describe, list, num, record, str, stringMap } from './manifest';

export const NAMESPACE = 'chargeledger';
export const PART_OF = 'app.kubernetes.io/part-of';

export const HTTP_PORTS: Readonly<Record<Context, number>> = {
  registry: 3001,
  ingestion: 3002,
  rating: 3003,
  payments: 3004,
  invoicing: 3005,
  analytics: 3006,
};

/** What an overlay must add up to. */
export interface OverlayExpectation {
  readonly serviceReplicas: number;
  readonly natsReplicas: number;
  readonly postgresInstances: number;
  readonly streamReplicas: number;
}

export const OVERLAY_EXPECTATIONS: Readonly<Record<string, OverlayExpectation>> = {
  local: { serviceReplicas: 1, natsReplicas: 1, postgresInstances: 1, streamReplicas: 1 },
  production: { serviceReplicas: 3, natsReplicas: 3, postgresInstances: 3, streamReplicas: 3 },
};

/** Created by operators at run time, so absent from the render. */
const OPERATOR_SECRETS = new Set(['chargeledger-pg-app']);
const CLUSTER_SCOPED = new Set(['Namespace']);
/** Egress ports a service may use: NATS, Postgres, OTLP gRPC/HTTP, DNS. */
const SERVICE_EGRESS_PORTS = new Set([4222, 5432, 4317, 4318, 53]);
/** payments alone calls out, to the payment provider's HTTPS API. */
const EXTRA_EGRESS_PORTS: Partial<Record<Context, readonly number[]>> = { payments: [443] };

class Render {
  constructor(readonly manifests: readonly unknown[]) {}

  find(kind: string, name: string): unknown {
    return this.manifests.find(
      (m) => str(m, 'kind') === kind && str(m, 'metadata', 'name') === name,
    );
  }

  all(kind: string): unknown[] {
    return this.manifests.filter((m) => str(m, 'kind') === kind);
  }

  /** Objects of a kind whose label selector matches the given pod labels. */
  selecting(kind: string, labelsPath: string[], podLabels: Map<string, string>): unknown[] {
    return this.all(kind).filter((m) => {
      const selector = stringMap(m, ...labelsPath);
      return selector.size > 0 && [...selector].every(([k, v]) => podLabels.get(k) === v);
    });
  }
}

function podSpecOf(workload: unknown): unknown {
  return at(workload, 'spec', 'template', 'spec');
}

function containerPortNumbers(rule: unknown): number[] {
  return list(rule, 'ports').flatMap((port) => {
    const value = num(port, 'port');
    return value === undefined ? [] : [value];
  });
}

function checkCommon(render: Render, problems: string[]): void {
  for (const m of render.manifests) {
    const name = describe(m);
    const kind = str(m, 'kind') ?? '';
    if (!CLUSTER_SCOPED.has(kind) && str(m, 'metadata', 'namespace') !== NAMESPACE)
      problems.push(`${name}: must be in namespace ${NAMESPACE}`);
    if (stringMap(m, 'metadata', 'labels').get(PART_OF) !== NAMESPACE)
      problems.push(`${name}: label ${PART_OF}=${NAMESPACE} missing`);
    const podSpec = podSpecOf(kind === 'CronJob' ? at(m, 'spec', 'jobTemplate') : m);
    for (const container of list(podSpec, 'containers')) {
      const image = str(container, 'image') ?? '';
      const tag = image.includes('@') ? 'digest' : (image.split('/').pop() ?? '').split(':')[1];
      if (tag === undefined || tag === '' || tag === 'latest')
        problems.push(`${name}: image "${image}" must carry a version tag or digest`);
    }
    for (const ref of [
      ...list(podSpec, 'containers').flatMap((c) => list(c, 'envFrom')),
      ...list(podSpec, 'volumes'),
    ]) {
      const configMap = str(ref, 'configMapRef', 'name') ?? str(ref, 'configMap', 'name');
      if (configMap !== undefined && render.find('ConfigMap', configMap) === undefined)
        problems.push(`${name}: ConfigMap ${configMap} is referenced but not rendered`);
    }
    for (const env of list(podSpec, 'containers').flatMap((c) => list(c, 'env'))) {
      const secret = str(env, 'valueFrom', 'secretKeyRef', 'name');
      if (
        secret !== undefined &&
        !OPERATOR_SECRETS.has(secret) &&
        render.find('Secret', secret) === undefined
      )
        problems.push(`${name}: Secret ${secret} is referenced but not rendered`);
    }
  }
}

function checkService(
  render: Render,
  app: Context,
  expect: OverlayExpectation | undefined,
): string[] {
  const problems: string[] = [];
  const port = HTTP_PORTS[app];
  const deployment = render.find('Deployment', app);
  if (deployment === undefined) return [`Deployment/${app}: missing`];
  const where = `Deployment/${app}`;
  const podSpec = podSpecOf(deployment);
  const container = at(podSpec, 'containers', 0);
  const command = list(container, 'command').join(' ');
  if (command !== `node -r @swc-node/register apps/${app}/src/main.ts`)
    problems.push(`${where}: command must start apps/${app}/src/main.ts, got "${command}"`);
  if (str(container, 'livenessProbe', 'httpGet', 'path') !== '/healthz')
    problems.push(`${where}: livenessProbe must GET /healthz`);
  if (str(container, 'readinessProbe', 'httpGet', 'path') !== '/readyz')
    problems.push(`${where}: readinessProbe must GET /readyz`);
  for (const bound of ['requests', 'limits'])
    for (const resource of ['cpu', 'memory'])
      if (at(container, 'resources', bound, resource) === undefined)
        problems.push(`${where}: resources.${bound}.${resource} missing`);
  if (at(podSpec, 'securityContext', 'runAsNonRoot') !== true)
    problems.push(`${where}: pod securityContext.runAsNonRoot must be true`);
  if (at(container, 'securityContext', 'readOnlyRootFilesystem') !== true)
    problems.push(`${where}: container securityContext.readOnlyRootFilesystem must be true`);
  if (at(container, 'securityContext', 'allowPrivilegeEscalation') !== false)
    problems.push(`${where}: container securityContext.allowPrivilegeEscalation must be false`);
  const httpPort = list(container, 'ports').find((p) => str(p, 'name') === 'http');
  if (num(httpPort, 'containerPort') !== port)
    problems.push(`${where}: container port "http" must be ${port}`);
  const configName = list(container, 'envFrom')
    .map((ref) => str(ref, 'configMapRef', 'name'))
    .find((name) => name !== undefined);
  const config = configName === undefined ? undefined : render.find('ConfigMap', configName);
  const env = stringMap(config, 'data');
  if (env.get('HTTP_PORT') !== String(port))
    problems.push(`${where}: its ConfigMap must set HTTP_PORT=${port}`);
  // The service binds 127.0.0.1 by default: unreachable for probes and peers in a pod.
  if (env.get('HTTP_HOST') !== '0.0.0.0')
    problems.push(`${where}: its ConfigMap must set HTTP_HOST=0.0.0.0`);
  // Services create streams at start too; a replica count differing from the Job's
  // would make them fight over the stream config.
  if (expect !== undefined && env.get('STREAM_REPLICAS') !== String(expect.streamReplicas))
    problems.push(`${where}: its ConfigMap must set STREAM_REPLICAS=${expect.streamReplicas}`);
  if (expect !== undefined && num(deployment, 'spec', 'replicas') !== expect.serviceReplicas)
    problems.push(`${where}: replicas must be ${expect.serviceReplicas}`);

  const podLabels = stringMap(deployment, 'spec', 'template', 'metadata', 'labels');
  const services = render.selecting('Service', ['spec', 'selector'], podLabels);
  if (!services.some((s) => list(s, 'spec', 'ports').some((p) => num(p, 'port') === port)))
    problems.push(`${where}: no Service selects its pods on port ${port}`);
  const pdbs = render.selecting(
    'PodDisruptionBudget',
    ['spec', 'selector', 'matchLabels'],
    podLabels,
  );
  if (pdbs.length === 0) problems.push(`${where}: no PodDisruptionBudget selects its pods`);

  const policies = render.selecting(
    'NetworkPolicy',
    ['spec', 'podSelector', 'matchLabels'],
    podLabels,
  );
  if (policies.length === 0) problems.push(`${where}: no NetworkPolicy selects its pods`);
  const allowedEgress = new Set([...SERVICE_EGRESS_PORTS, ...(EXTRA_EGRESS_PORTS[app] ?? [])]);
  for (const policy of policies) {
    const name = describe(policy);
    const types = list(policy, 'spec', 'policyTypes');
    if (!types.includes('Ingress') || !types.includes('Egress'))
      problems.push(`${name}: policyTypes must include Ingress and Egress`);
    for (const rule of list(policy, 'spec', 'ingress')) {
      const ports = containerPortNumbers(rule);
      if (ports.length === 0 || ports.some((p) => p !== port))
        problems.push(`${name}: ingress must be limited to port ${port}`);
    }
    for (const rule of list(policy, 'spec', 'egress')) {
      const ports = containerPortNumbers(rule);
      if (ports.length === 0 || ports.some((p) => !allowedEgress.has(p)))
        problems.push(
          `${name}: egress allows ports ${ports.join(',') || 'all'}; allowed: ${[...allowedEgress].join(',')}`,
        );
    }
  }

  problems.push(...checkScaledObject(render, app, expect));
  return problems;
}

function checkScaledObject(
  render: Render,
  app: Context,
  expect: OverlayExpectation | undefined,
): string[] {
  const problems: string[] = [];
  const scaled = render
    .all('ScaledObject')
    .find((s) => str(s, 'spec', 'scaleTargetRef', 'name') === app);
  if (scaled === undefined) return [`Deployment/${app}: no ScaledObject targets it`];
  const name = describe(scaled);
  const min = num(scaled, 'spec', 'minReplicaCount');
  const max = num(scaled, 'spec', 'maxReplicaCount');
  if (expect !== undefined && min !== expect.serviceReplicas)
    problems.push(`${name}: minReplicaCount must be ${expect.serviceReplicas}`);
  if (min === undefined || max === undefined || max < min)
    problems.push(`${name}: needs minReplicaCount <= maxReplicaCount`);
  const durables = consumerSpecsOf(app, PRODUCTION_NAMESPACE);
  const expected = new Set(durables.map((c) => `${c.stream}/${c.durable}`));
  const triggers = list(scaled, 'spec', 'triggers');
  const lagTriggers = triggers.filter((t) => str(t, 'type') === 'nats-jetstream');
  const actual = new Set(
    lagTriggers.map(
      (t) => `${str(t, 'metadata', 'stream') ?? '?'}/${str(t, 'metadata', 'consumer') ?? '?'}`,
    ),
  );
  for (const key of actual)
    if (!expected.has(key))
      problems.push(`${name}: trigger on ${key}, which ${app} does not consume`);
  for (const key of expected)
    if (!actual.has(key)) problems.push(`${name}: no lag trigger for ${key}`);
  for (const trigger of lagTriggers) {
    const endpoint = str(trigger, 'metadata', 'natsServerMonitoringEndpoint') ?? '';
    const service = endpoint.split('.')[0] ?? '';
    if (!endpoint.endsWith(':8222') || render.find('Service', service) === undefined)
      problems.push(
        `${name}: monitoring endpoint "${endpoint}" must be a rendered Service on :8222`,
      );
  }
  if (triggers.length === 0) problems.push(`${name}: has no trigger`);
  if (max !== undefined && durables.some((c) => c.partition !== undefined) && max > 16)
    problems.push(`${name}: more replicas than partitions would sit idle`);
  return problems;
}

function checkNats(render: Render, expect: OverlayExpectation | undefined): string[] {
  const problems: string[] = [];
  const nats = render.find('StatefulSet', 'nats');
  if (nats === undefined) return ['StatefulSet/nats: missing'];
  const replicas = num(nats, 'spec', 'replicas') ?? 1;
  if (expect !== undefined && replicas !== expect.natsReplicas)
    problems.push(`StatefulSet/nats: replicas must be ${expect.natsReplicas}`);
  if (list(nats, 'spec', 'volumeClaimTemplates').length === 0)
    problems.push('StatefulSet/nats: JetStream needs volumeClaimTemplates');
  const headless = render.find('Service', str(nats, 'spec', 'serviceName') ?? '');
  if (str(headless, 'spec', 'clusterIP') !== 'None')
    problems.push('StatefulSet/nats: serviceName must name a headless Service');
  const configName = list(podSpecOf(nats), 'volumes')
    .map((v) => str(v, 'configMap', 'name'))
    .find((n) => n !== undefined);
  const conf = stringMap(render.find('ConfigMap', configName ?? ''), 'data').get('nats.conf') ?? '';
  if (!/^\s*sync_interval:\s*always\s*$/m.test(conf))
    problems.push('StatefulSet/nats: nats.conf must set sync_interval: always');
  for (let ordinal = 0; replicas > 1 && ordinal < replicas; ordinal++)
    if (!conf.includes(`nats-${ordinal}.${str(nats, 'spec', 'serviceName') ?? ''}:6222`))
      problems.push(`StatefulSet/nats: nats.conf has no cluster route to nats-${ordinal}`);
  if (replicas === 1 && /^\s*cluster\s*\{/m.test(conf))
    problems.push('StatefulSet/nats: a single node must not declare cluster routes');

  const job = render
    .all('Job')
    .find((j) =>
      list(podSpecOf(j), 'containers').some((c) =>
        list(c, 'command').join(' ').endsWith('tools/provision/provision.ts'),
      ),
    );
  if (job === undefined) return [...problems, 'Job running tools/provision/provision.ts: missing'];
  const jobConfig = list(podSpecOf(job), 'containers', 0, 'envFrom')
    .map((ref) => str(ref, 'configMapRef', 'name'))
    .find((n) => n !== undefined);
  const streamReplicas = Number(
    stringMap(render.find('ConfigMap', jobConfig ?? ''), 'data').get('STREAM_REPLICAS'),
  );
  if (!Number.isInteger(streamReplicas) || streamReplicas < 1 || streamReplicas > replicas)
    problems.push(`${describe(job)}: STREAM_REPLICAS must be 1..${replicas} (NATS nodes)`);
  else if (expect !== undefined && streamReplicas !== expect.streamReplicas)
    problems.push(`${describe(job)}: STREAM_REPLICAS must be ${expect.streamReplicas}`);
  return problems;
}

/** Default of DB_POOL_SIZE in the service config schema. */
const DEFAULT_POOL_SIZE = 10;
const SUPERUSER_RESERVED_CONNECTIONS = 3;

/** Connections every service could open at its replica ceiling. */
function peakConnections(render: Render): number {
  let total = 0;
  for (const app of CONTEXTS) {
    const scaled = render
      .all('ScaledObject')
      .find((s) => str(s, 'spec', 'scaleTargetRef', 'name') === app);
    const replicas =
      num(scaled, 'spec', 'maxReplicaCount') ??
      num(render.find('Deployment', app), 'spec', 'replicas') ??
      1;
    const configName = list(podSpecOf(render.find('Deployment', app)), 'containers', 0, 'envFrom')
      .map((ref) => str(ref, 'configMapRef', 'name'))
      .find((n) => n !== undefined);
    const pool = Number(
      stringMap(render.find('ConfigMap', configName ?? ''), 'data').get('DB_POOL_SIZE') ??
        DEFAULT_POOL_SIZE,
    );
    total += replicas * pool;
  }
  return total;
}

function checkPostgres(render: Render, expect: OverlayExpectation | undefined): string[] {
  const clusters = render.all('Cluster');
  if (clusters.length !== 1) return ['exactly one CloudNativePG Cluster expected'];
  const instances = num(clusters[0], 'spec', 'instances');
  const problems: string[] = [];
  const maxConnections = Number(
    str(clusters[0], 'spec', 'postgresql', 'parameters', 'max_connections') ?? '100',
  );
  const peak = peakConnections(render);
  if (peak > maxConnections - SUPERUSER_RESERVED_CONNECTIONS)
    problems.push(
      `${describe(clusters[0])}: services may open ${peak} connections at their replica ceilings, max_connections is ${maxConnections}`,
    );
  if (expect !== undefined && instances !== expect.postgresInstances)
    problems.push(`${describe(clusters[0])}: instances must be ${expect.postgresInstances}`);
  const synchronous = record(clusters[0], 'spec', 'postgresql', 'synchronous');
  if (instances === 1 && Object.keys(synchronous).length > 0)
    problems.push(`${describe(clusters[0])}: one instance cannot wait for a synchronous standby`);
  return problems;
}

/** Policy problems of one rendered overlay; `expect` adds the overlay's counts. */
export function checkPolicy(manifests: readonly unknown[], expect?: OverlayExpectation): string[] {
  const render = new Render(manifests);
  const problems: string[] = [];
  checkCommon(render, problems);
  for (const app of CONTEXTS) problems.push(...checkService(render, app, expect));
  problems.push(...checkNats(render, expect), ...checkPostgres(render, expect));
  return problems;
}
