/**
 * Schema validation of rendered Kubernetes manifests, offline.
 *
 * `kubectl --dry-run=client --validate` needs a live API server to fetch its OpenAPI
 * document, so built-in kinds are checked against the JSON schemas compiled into
 * `kubernetes-models` (generated from the Kubernetes OpenAPI spec: types, required
 * fields, enums) and KEDA's ScaledObject against `@kubernetes-models/keda` (generated
 * from KEDA's CRDs). CloudNativePG ships no such package: its Cluster is checked
 * structurally plus the fields this deployment relies on. The OpenAPI schemas leave
 * unknown fields open, so a misspelt or misplaced field is not caught here; the policy
 * checks (k8s-policy.ts) read the fields that matter at their exact paths instead.
 * An apiVersion/kind the validator does not know is an error, never a silent pass.
 */
import { TriggerAuthentication, ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import {
  ConfigMap,
  Namespace,
  PersistentVolumeClaim,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import { describe, isRecord, num, str } from './manifest';

interface Validatable {
  validate(): void;
}
/** Any kubernetes-models class; `never` admits every constructor's data type. */
type ModelClass = new (data: never) => Validatable;

const SCHEMAS: ReadonlyMap<string, ModelClass> = new Map<string, ModelClass>([
  ['v1/ConfigMap', ConfigMap],
  ['v1/Namespace', Namespace],
  ['v1/PersistentVolumeClaim', PersistentVolumeClaim],
  ['v1/Secret', Secret],
  ['v1/Service', Service],
  ['v1/ServiceAccount', ServiceAccount],
  ['apps/v1/Deployment', Deployment],
  ['apps/v1/StatefulSet', StatefulSet],
  ['autoscaling/v2/HorizontalPodAutoscaler', HorizontalPodAutoscaler],
  ['batch/v1/CronJob', CronJob],
  ['batch/v1/Job', Job],
  ['networking.k8s.io/v1/Ingress', Ingress],
  ['networking.k8s.io/v1/NetworkPolicy', NetworkPolicy],
  ['policy/v1/PodDisruptionBudget', PodDisruptionBudget],
  ['rbac.authorization.k8s.io/v1/Role', Role],
  ['rbac.authorization.k8s.io/v1/RoleBinding', RoleBinding],
  ['keda.sh/v1alpha1/ScaledObject', ScaledObject],
  ['keda.sh/v1alpha1/TriggerAuthentication', TriggerAuthentication],
]);

type StructuralCheck = (manifest: unknown) => string[];

/** CRDs without a schema package: required envelope plus the fields deployments use. */
const STRUCTURAL: ReadonlyMap<string, StructuralCheck> = new Map<string, StructuralCheck>([
  [
    'postgresql.cnpg.io/v1/Cluster',
    (manifest) => {
      const problems: string[] = [];
      const instances = num(manifest, 'spec', 'instances');
      if (instances === undefined || !Number.isInteger(instances) || instances < 1)
        problems.push('spec.instances must be an integer >= 1');
      if (str(manifest, 'spec', 'storage', 'size') === undefined)
        problems.push('spec.storage.size must be a quantity string');
      return problems;
    },
  ],
]);

export interface SchemaResult {
  readonly problems: string[];
  /** Documents checked only structurally (no schema available offline). */
  readonly structuralOnly: string[];
}

function envelopeProblems(manifest: unknown): string[] {
  const problems: string[] = [];
  if (str(manifest, 'apiVersion') === undefined) problems.push('apiVersion missing');
  if (str(manifest, 'kind') === undefined) problems.push('kind missing');
  if (str(manifest, 'metadata', 'name') === undefined) problems.push('metadata.name missing');
  return problems;
}

function schemaErrorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function validateSchemas(manifests: readonly unknown[]): SchemaResult {
  const problems: string[] = [];
  const structuralOnly: string[] = [];
  for (const manifest of manifests) {
    const name = describe(manifest);
    if (!isRecord(manifest)) {
      problems.push(`${name}: not a YAML mapping`);
      continue;
    }
    const envelope = envelopeProblems(manifest);
    if (envelope.length > 0) {
      problems.push(...envelope.map((problem) => `${name}: ${problem}`));
      continue;
    }
    const type = `${str(manifest, 'apiVersion') ?? ''}/${str(manifest, 'kind') ?? ''}`;
    const Model = SCHEMAS.get(type);
    if (Model !== undefined) {
      try {
        new Model(manifest as never).validate();
      } catch (error) {
        problems.push(`${name} (${type}) fails its schema: ${schemaErrorText(error)}`);
      }
      continue;
    }
    const structural = STRUCTURAL.get(type);
    if (structural !== undefined) {
      structuralOnly.push(name);
      if (!isRecord(manifest['spec'])) problems.push(`${name}: spec missing`);
      else problems.push(...structural(manifest).map((problem) => `${name}: ${problem}`));
      continue;
    }
    problems.push(`${name}: no schema known for ${type}; add one to tools/deploy/k8s-schema.ts`);
  }
  return { problems, structuralOnly };
}
