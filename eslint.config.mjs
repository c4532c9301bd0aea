// Lint: typescript-eslint type-checked rules plus Nx module boundaries. The boundary
// rules encode STYLE.md §1: apps wire, libs hold logic, domain and contracts libs import
// no framework or driver, and contexts share only contracts, shared and platform libs.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const frameworks = ['@nestjs/*', 'typeorm', 'pg', 'nats', 'stripe', 'express'];

const typeRules = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:domain',
      'type:contracts',
      'type:util',
    ],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:domain',
      'type:contracts',
      'type:util',
    ],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contracts', 'type:util'],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'],
    bannedExternalImports: frameworks,
  },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:util'],
    bannedExternalImports: frameworks,
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:domain',
      'type:contracts',
      'type:util',
      'type:testing',
    ],
  },
];
const contexts = ['registry', 'ingestion', 'rating', 'payments', 'invoicing', 'analytics'];
const scopeRules = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform', 'scope:shared'] },
  {
    sourceTag: 'scope:tools',
    onlyDependOnLibsWithTags: [
      'scope:platform',
      'scope:shared',
      ...contexts.map((c) => `scope:${c}`),
    ],
  },
  ...contexts.map((c) => ({
    sourceTag: `scope:${c}`,
    onlyDependOnLibsWithTags: [`scope:${c}`, 'scope:platform', 'scope:shared'],
  })),
];
// Specs may also use the test harness; production code may not.
const boundaries = (allowTesting) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      ...scopeRules,
      ...typeRules.map((r) =>
        allowTesting && r.sourceTag !== 'type:testing'
          ? { ...r, onlyDependOnLibsWithTags: [...r.onlyDependOnLibsWithTags, 'type:testing'] }
          : r,
      ),
    ],
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules', '**/dist', '**/tmp', '**/coverage', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Specs, test support and benchmarks may use the test harness.
    files: [
      '**/*.spec.ts',
      'libs/testing/**/*.ts',
      'libs/**/src/testing/**/*.ts',
      'libs/**/bench/**/*.ts',
    ],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(true),
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
