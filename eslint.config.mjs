import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// undici's root module bundles fetch, WebSocket, caches and mocks: src/ takes what it uses from src/net/undici.ts.
const undiciThroughShim = { name: 'undici', message: 'Import from src/net/undici.ts (undici\'s root module bundles fetch, WebSocket and mocks).' };
const undiciFilesThroughShim = { group: ['undici/*'], message: 'Import from src/net/undici.ts, the one place that loads undici\'s files.' };

export default tseslint.config(
  { ignores: ['test/server/media/**', 'out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '.demo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'multi-line'],
      'no-restricted-imports': ['error', { paths: [{ name: 'undici', importNames: ['setGlobalDispatcher'], message: 'Never change the global dispatcher: pass the shared one.' }] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/net/undici.ts', 'src/net/undiciModules.ts', 'src/net/undici-lib.d.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [undiciThroughShim], patterns: [undiciFilesThroughShim] }] },
  },
  {
    // The cores: tested in plain Node, so no vscode import.
    files: [
      'src/api/**/*.ts',
      'src/insert/**/*.ts',
      'src/async/**/*.ts',
      'src/files/facts.ts',
      'src/files/store.ts',
      'src/files/processingWatch.ts',
      'src/files/safeText.ts',
      'src/files/time.ts',
      'src/tree/library.ts',
      'src/tree/listModel.ts',
      'src/tree/checkSchedule.ts',
      'src/files/fileRefs.ts',
      'src/files/fileNames.ts',
      'src/net/download.ts',
      'src/files/mediaTypes.ts',
      'src/upload/batch.ts',
      'src/upload/activity.ts',
      'src/upload/diskSource.ts',
      'src/status/rateLimits.ts',
      'src/paste/rules.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'This core must run in plain Node: no vscode import.' }, undiciThroughShim],
        patterns: [undiciFilesThroughShim],
      }],
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
  },
);
