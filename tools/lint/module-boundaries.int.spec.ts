/**
 * Proves the lint boundary rules bite: probe files are written into real projects,
 * linted in one run of the real `eslint` CLI with the workspace config, and removed.
 * Each forbidden import must fail `@nx/enforce-module-boundaries`; the allowed one passes.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const root = resolve(__dirname, '..', '..');
const suffix = randomBytes(4).toString('hex');
const eslintReport = z.array(
  z.object({
    filePath: z.string(),
    messages: z.array(z.object({ ruleId: z.string().nullable(), message: z.string() })),
  }),
);

const probes = {
  domainImportsPlatform: {
    path: `libs/rating/tariff/src/boundary-probe-a-${suffix}.ts`,
    code: "import { connectToNats } from '@chargeledger/platform/messaging';\nexport const probe = connectToNats;\n",
  },
  domainImportsDriver: {
    path: `libs/rating/tariff/src/boundary-probe-b-${suffix}.ts`,
    code: "import { connect } from 'nats';\nexport const probe = connect;\n",
  },
  appImportsOtherContext: {
    path: `apps/registry/src/boundary-probe-c-${suffix}.ts`,
    code: "import * as tariff from '@chargeledger/rating/tariff';\nexport const probe = tariff;\n",
  },
  appImportsOwnContext: {
    path: `apps/rating/src/boundary-probe-d-${suffix}.ts`,
    code: "import * as tariff from '@chargeledger/rating/tariff';\nimport { runService } from '@chargeledger/platform/service';\nexport const probe = [tariff, runService];\n",
  },
};
type Probe = keyof typeof probes;

let messagesByProbe: Record<Probe, string[]>;

beforeAll(() => {
  const entries = Object.entries(probes) as [Probe, { path: string; code: string }][];
  try {
    for (const [, probe] of entries) writeFileSync(resolve(root, probe.path), probe.code);
    const run = spawnSync(
      process.execPath,
      [
        resolve(root, 'node_modules', 'eslint', 'bin', 'eslint.js'),
        '--format',
        'json',
        ...entries.map(([, p]) => p.path),
      ],
      { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
    );
    if (run.stdout.trim() === '') throw new Error(`eslint produced no report: ${run.stderr}`);
    const report = eslintReport.parse(JSON.parse(run.stdout));
    const messagesOf = (path: string): string[] =>
      (report.find((file) => file.filePath === resolve(root, path))?.messages ?? [])
        .filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === null)
        .map((m) => m.message);
    messagesByProbe = {
      domainImportsPlatform: messagesOf(probes.domainImportsPlatform.path),
      domainImportsDriver: messagesOf(probes.domainImportsDriver.path),
      appImportsOtherContext: messagesOf(probes.appImportsOtherContext.path),
      appImportsOwnContext: messagesOf(probes.appImportsOwnContext.path),
    };
  } finally {
    for (const [, probe] of entries) rmSync(resolve(root, probe.path), { force: true });
  }
}, 150_000);

describe('module boundaries', () => {
  it('forbids a domain lib from importing a platform lib', () => {
    expect(messagesByProbe.domainImportsPlatform.join('\n')).toMatch(
      /type:domain.*can only depend on libs tagged with/s,
    );
  });

  it('forbids a domain lib from importing NestJS, TypeORM or nats', () => {
    expect(messagesByProbe.domainImportsDriver.join('\n')).toMatch(
      /"type:domain" is not allowed to import "nats"/,
    );
  });

  it("forbids one context's app from importing another context's lib", () => {
    expect(messagesByProbe.appImportsOtherContext.join('\n')).toMatch(
      /scope:registry.*can only depend on libs tagged with/s,
    );
  });

  it('allows an app to use its own context and the platform', () => {
    expect(messagesByProbe.appImportsOwnContext).toEqual([]);
  });
});
