import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Each refusal is a rule id, or `rule id: words its message must contain`; none means the file lints clean. */
const cases: Array<[file: string, code: string, refusals: string[]]> = [
  ['server/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", ['no-restricted-imports']],
  ['server/domain/x.ts', "import express from 'express';\nexport const e = express;", ['no-restricted-imports']],
  ['server/domain/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;", ['no-restricted-imports']],
  ['shared/x.ts', "import { Server } from 'socket.io';\nexport const s = Server;", ['no-restricted-imports']],
  ['server/domain/x.ts', "import { EventLog } from '../storage/event-log';\nexport const l = EventLog;", ['no-restricted-imports: may not import adapters']],
  ['server/domain/x.ts', 'export const now = () => Date.now();', ['no-restricted-properties']],
  ['server/domain/x.ts', 'export const pick = () => Math.random();', ['no-restricted-properties']],
  ['server/storage/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", []],

  // server/ never imports scripts/: a launcher there injects what it brings (scripts/start.ts).
  ['server/main.ts', "import { startSimulator } from '../scripts/sim';\nexport const s = startSimulator;", ['no-restricted-imports: server/ may not import scripts/']],
  ['server/http/x.ts', "import { startSimulator } from '../../scripts/sim/index';\nexport const s = startSimulator;", ['no-restricted-imports: server/ may not import scripts/']],
  ['server/app/x.ts', "import type { SimModel } from '../../scripts/sim/model';\nexport type M = SimModel;", ['no-restricted-imports: server/ may not import scripts/']],
  ['server/x.ts', "import { readSettings } from './config';\nexport const r = readSettings;", []],
  ['scripts/start.ts', "import { main } from '../server/main';\nexport const m = main;", []],
  // The domain's own rules set no-restricted-imports again for its files: they keep both its restrictions and server/'s.
  ['server/domain/x.ts', "import { readFileSync } from 'fs';\nexport const f = readFileSync;", ['no-restricted-imports: fs is not allowed here']],
  ['server/domain/x.ts', "import { startSimulator } from '../../scripts/sim';\nexport const s = startSimulator;", ['no-restricted-imports: server/ may not import scripts/']],
  ['server/domain/episodes/x.ts', "import { readFileSync } from 'fs';\nimport { hashKey } from '../../../scripts/sim/prng';\nexport const f = [readFileSync, hashKey, Date.now()];",
    ['no-restricted-imports: fs is not allowed here', 'no-restricted-imports: server/ may not import scripts/', 'no-restricted-properties: Take now as a parameter']],

  // client/ never imports server/: it has shared/ and the API.
  ['client/x.ts', "import { start } from '../server/main';\nexport const s = start;", ['no-restricted-imports: client/ may not import server/']],
  ['client/components/x.tsx', "import { Opsroom } from '../../server/app/opsroom';\nexport const o = Opsroom;", ['no-restricted-imports: client/ may not import server/']],
  ['client/state/x.ts', "import type { Config } from '../../shared/config';\nexport type C = Config;", []],
];

interface Message { ruleId: string | null; message: string }

/** ESLint's flat config loads through dynamic import, which jest's VM cannot do: lint in a child process. */
function lintAll(): Message[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    Promise.all(cases.map(([file, code]) => eslint.lintText(code, { filePath: require('path').resolve(file) })))
      .then((results) => console.log(JSON.stringify(results.map((r) => r[0].messages.map((m) => ({ ruleId: m.ruleId, message: m.message }))))));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' })) as Message[][];
}

const refused = (messages: Message[], refusal: string) => {
  const [rule, words] = refusal.split(/: (.*)/s) as [string, string | undefined];
  return messages.some((m) => m.ruleId === rule && (words === undefined || m.message.includes(words)));
};

test('import boundaries: server/domain and shared stay pure, server/ never imports scripts/, client/ never imports server/', () => {
  const results = lintAll();
  cases.forEach(([file, code, refusals], i) => {
    const messages = results[i]!;
    if (refusals.length === 0) expect({ file, code, messages }).toEqual({ file, code, messages: [] });
    for (const refusal of refusals) expect({ file, code, refusal, refused: refused(messages, refusal), messages }).toMatchObject({ refused: true });
  });
});
