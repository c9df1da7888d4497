import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Import boundaries: the domain core and the shared schemas stay free of I/O and frameworks.
const impure = ['express', 'socket.io', 'socket.io-client', 'better-sqlite3', 'fs', 'node:fs', 'fs/promises',
  'node:fs/promises', 'http', 'node:http', 'net', 'node:net', 'child_process', 'node:child_process', 'react', 'react-dom', 'd3'];
// Patterns for `no-restricted-imports` (gitignore-style, matched against the import as written).
const adapters = { group: ['**/server/app/*', '**/server/http/*', '**/server/storage/*', '**/server/realtime/*', '../app/*', '../http/*', '../storage/*', '../realtime/*'],
  message: 'The domain core may not import adapters.' };
// The server runs on its own; a launcher in scripts/ (scripts/start.ts) injects what it brings, such as the demo's simulator.
const scriptsFromServer = { group: ['**/scripts', '**/scripts/*', '**/scripts/**'],
  message: 'server/ may not import scripts/: inject it from a launcher in scripts/ (see scripts/start.ts and runFromEnvironment in server/main.ts).' };
// The client talks to the server over HTTP and socket.io only; what both need lives in shared/.
const serverFromClient = { group: ['**/server', '**/server/*', '**/server/**'],
  message: 'client/ may not import server/: share it through shared/ or ask over the API.' };
const imports = (patterns, names = []) => ({
  'no-restricted-imports': ['error', {
    paths: names.map((name) => ({ name, message: `${name} is not allowed here: keep this layer pure.` })),
    patterns,
  }],
});
// A later config that sets no-restricted-imports replaces the earlier options for that file, it does not
// merge them: so the pure layers list again every pattern that applies to the folder they sit in.
const restrict = ({ extra = [], patterns = [] } = {}) => ({
  ...imports([adapters, ...patterns], [...impure, ...extra]),
  'no-restricted-globals': ['error', { name: 'fetch', message: 'No network in the pure core.' }],
  'no-restricted-properties': ['error',
    { object: 'Date', property: 'now', message: 'Take now as a parameter.' },
    { object: 'Math', property: 'random', message: 'The domain is deterministic.' }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'client/dist/', 'coverage/', 'test-artifacts/', 'data/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['server/**'], rules: imports([scriptsFromServer]) },
  { files: ['client/**'], rules: imports([serverFromClient]) },
  { files: ['server/domain/**/*.ts'], rules: restrict({ patterns: [scriptsFromServer] }) },
  { files: ['shared/**/*.ts'], rules: restrict() },
);
