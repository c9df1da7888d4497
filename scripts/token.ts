/**
 * Issue a reporter or coordinator token from the command line:
 *   npm run token -- --role coordinator --node Y60 [--name "Duty manager"] [--expires-in 90d]
 * It writes to the database the server uses (OPSROOM_DB) through the same TokenStore, checking the
 * node against the configuration (OPSROOM_CONFIG). SQLite in WAL mode lets it write while a server
 * runs; the server reads tokens from the database on every request, so the token works at once.
 * With --url it asks a running server instead (POST /api/tokens with OPSROOM_ADMIN_TOKEN): for a
 * server on another machine, or a database another process holds.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tokenRequestSchema } from '../shared/api';
import { readSettings } from '../server/config';
import { Hierarchy } from '../server/domain/hierarchy';
import { acquireWriterLock, DatabaseLockedError, type WriterLock } from '../server/storage/writer-lock';
import { openDatabase } from '../server/storage/database';
import { TokenStore } from '../server/storage/tokens';

const USAGE = 'usage: npm run token -- --role reporter|coordinator --node <node id> [--name <who>] [--expires-in 90d] [--url http://host:port]';

interface Issued {
  token: string;
  id: string;
  role: string;
  node: string;
  name: string;
  expiresAt: string | null;
}

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(1);
}

function request(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { role: { type: 'string' }, node: { type: 'string' }, name: { type: 'string' }, 'expires-in': { type: 'string' }, url: { type: 'string' } }, strict: true });
  const parsed = tokenRequestSchema.safeParse({ role: values.role, node: values.node, name: values.name, expiresIn: values['expires-in'] });
  if (!parsed.success) fail(`${parsed.error.issues.map((issue) => `--${issue.path.join('.') === 'expiresIn' ? 'expires-in' : issue.path.join('.')}: ${issue.message}`).join('; ')}\n${USAGE}`);
  return { body: parsed.data, raw: { role: values.role, node: values.node, name: values.name, expiresIn: values['expires-in'] }, url: values.url };
}

/** Straight into the database, as the server would: the same node rules as POST /api/tokens. */
function issueInDatabase(body: ReturnType<typeof request>['body']): Issued {
  const settings = readSettings();
  const hierarchy = new Hierarchy(settings.config.levels, settings.config.nodes);
  if (!hierarchy.has(body.node)) fail(`no node "${body.node}" in ${settings.configPath}`);
  if (body.role === 'reporter' && !hierarchy.isUnit(body.node)) fail(`"${body.node}" is not a unit; reporter tokens are for units`);
  if (!existsSync(settings.dbPath)) fail(`no database at ${settings.dbPath}: start the server once (it creates it), or set OPSROOM_DB`);
  // One writer per database (#11): a running server holds the lock, so ask it over HTTP instead.
  let lock: WriterLock;
  try {
    lock = acquireWriterLock(settings.dbPath);
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    fail(`${error.message}\nAsk the running server instead: npm run token -- --url http://localhost:${settings.port} … (with OPSROOM_ADMIN_TOKEN set)`);
  }
  const db = openDatabase(settings.dbPath);
  try {
    const { token, info } = new TokenStore(db).issue(body.role, body.node, body.name ?? `${body.role}@${body.node}`, { expiresInMs: body.expiresIn });
    return { token, id: info.id, role: info.role, node: info.node, name: info.name, expiresAt: info.expiresAt === null ? null : new Date(info.expiresAt).toISOString() };
  } finally {
    db.close();
    lock.release();
  }
}

async function issueOverHttp(url: string, raw: ReturnType<typeof request>['raw']): Promise<Issued> {
  const admin = process.env.OPSROOM_ADMIN_TOKEN;
  if (!admin) fail('--url needs OPSROOM_ADMIN_TOKEN (the admin token) in the environment');
  const res = await fetch(new URL('/api/tokens', url), {
    method: 'POST', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined))),
  }).catch((error: unknown) => fail(`cannot reach ${url}: ${(error as Error).message}`));
  const answer = (await res.json()) as Issued & { error?: { message: string } };
  if (res.status !== 201) fail(`${res.status}: ${answer.error?.message ?? 'refused'}`);
  return answer;
}

async function main(): Promise<void> {
  let asked: ReturnType<typeof request>;
  try {
    asked = request(process.argv.slice(2));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  let issued: Issued;
  try {
    issued = asked.url ? await issueOverHttp(asked.url, asked.raw) : issueInDatabase(asked.body);
  } catch (error) {
    fail((error as Error).message);
  }
  process.stderr.write(`token: ${issued.role} token ${issued.id} for ${issued.node} (${issued.name})${issued.expiresAt ? `, until ${issued.expiresAt}` : ''}; shown once, keep it safe.\n`);
  process.stderr.write('token: in the ops room, "Sign in to act" and paste it; or send "Authorization: Bearer <token>".\n');
  process.stdout.write(`${issued.token}\n`);
}

void main();
