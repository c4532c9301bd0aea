// Jest projects split by suffix: *.unit.spec.ts (pure, fast), *.int.spec.ts (real
// nats-server and Postgres), *.e2e.spec.ts (whole processes). TypeScript is compiled by
// SWC with decorator metadata, the same transform the apps run under.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const tsconfig = JSON.parse(readFileSync(path.join(__dirname, 'tsconfig.base.json'), 'utf8'));
const moduleNameMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/.]/g, '\\$&')}$`,
    `<rootDir>/${target}`,
  ]),
);

const swc = [
  '@swc/jest',
  {
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: 'commonjs', ignoreDynamic: true },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  },
];

const project = (name) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/{apps,libs,tools}/**/*.${name}.spec.ts`],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  setupFilesAfterEnv: [`<rootDir>/tools/jest/${name}.setup.js`],
  testEnvironmentOptions: { globalsCleanup: 'off' },
});

module.exports = {
  projects: [project('unit'), project('int'), project('e2e')],
  reporters: ['default', '<rootDir>/tools/jest/closing-line.reporter.js'],
};
