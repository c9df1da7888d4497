import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Import boundaries: the domain core and the shared schemas stay free of I/O and frameworks.
const impure = ['express', 'socket.io', 'socket.io-client', 'better-sqlite3', 'fs', 'node:fs', 'fs/promises',
  'node:fs/promises', 'http', 'node:http', 'net', 'node:net', 'child_process', 'node:child_process', 'react', 'react-dom', 'd3'];
const restrict = (extra = []) => ({
  'no-restricted-imports': ['error', {
    paths: [...impure, ...extra].map((name) => ({ name, message: `${name} is not allowed here: keep this layer pure.` })),
    patterns: [{ group: ['**/server/app/*', '**/server/http/*', '**/server/storage/*', '**/server/realtime/*', '../app/*', '../http/*', '../storage/*', '../realtime/*'],
      message: 'The domain core may not import adapters.' }],
  }],
  'no-restricted-globals': ['error', { name: 'fetch', message: 'No network in the pure core.' }],
  'no-restricted-properties': ['error',
    { object: 'Date', property: 'now', message: 'Take now as a parameter.' },
    { object: 'Math', property: 'random', message: 'The domain is deterministic.' }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'client/dist/', 'coverage/', 'test-artifacts/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['server/domain/**/*.ts', 'shared/**/*.ts'], rules: restrict() },
);
