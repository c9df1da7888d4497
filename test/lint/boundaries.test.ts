import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

const cases: Array<[file: string, code: string, rule: string | null]> = [
  ['server/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", 'no-restricted-imports'],
  ['server/domain/x.ts', "import express from 'express';\nexport const e = express;", 'no-restricted-imports'],
  ['server/domain/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;", 'no-restricted-imports'],
  ['shared/x.ts', "import { Server } from 'socket.io';\nexport const s = Server;", 'no-restricted-imports'],
  ['server/domain/x.ts', "import { EventLog } from '../storage/event-log';\nexport const l = EventLog;", 'no-restricted-imports'],
  ['server/domain/x.ts', 'export const now = () => Date.now();', 'no-restricted-properties'],
  ['server/domain/x.ts', 'export const pick = () => Math.random();', 'no-restricted-properties'],
  ['server/storage/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", null],
];

/** ESLint's flat config loads through dynamic import, which jest's VM cannot do: lint in a child process. */
function lintAll(): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    Promise.all(cases.map(([file, code]) => eslint.lintText(code, { filePath: require('path').resolve(file) })))
      .then((results) => console.log(JSON.stringify(results.map((r) => r[0].messages.map((m) => m.ruleId)))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' })) as string[][];
}

test('import boundaries keep server/domain and shared pure, and only there', () => {
  const rules = lintAll();
  cases.forEach(([file, code, rule], i) => {
    if (rule === null) expect({ file, code, rules: rules[i] }).toEqual({ file, code, rules: [] });
    else expect({ file, code, rules: rules[i] }).toEqual({ file, code, rules: expect.arrayContaining([rule]) });
  });
});
