import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*', ...builtinModules],
  message: 'shared/ and renderer/ run in the browser too: no Node built-ins.',
};

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.cairn-dev/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Every package imported is one package.json declares: one that only arrives through another
    // package can vanish with that package's next release.
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver()] },
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        { devDependencies: true, optionalDependencies: true, peerDependencies: false, includeTypes: true },
      ],
    },
  },
  // The layering rules of ARCHITECTURE.md, enforced.
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/ may import Electron.' }],
          patterns: [nodeBuiltins],
        },
      ],
    },
  },
  {
    // Services run under plain Node: Electron types at most, never its runtime.
    files: ['electron/services/**/*.ts', 'electron/ipc/**/*.ts', 'electron/bridge/**/*.ts', 'electron/dev/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Services must run under plain Node; inject what you need.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // ipcMain and ipcRenderer live in their two wrappers only.
    files: ['electron/**/*.ts'],
    ignores: [
      'electron/shell/register-ipc.ts',
      'electron/preload.ts',
      'electron/services/**',
      'electron/ipc/**',
      'electron/bridge/**',
      'electron/dev/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Use the typed wrappers: electron/shell/register-ipc.ts and electron/preload.ts.',
            },
          ],
        },
      ],
    },
  },
);
