/**
 * post_to_screen_p99: ms from a POST to its `episode` event at socket clients following the unit's
 * room, 10 and many clients, beside a bare socket.io server doing the same fan-out (screen-ceiling.ts)
 * in the same run; the clients and the POSTs come from one other process (screen-worker.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BENCH_START, BENCH_UNITS, benchConfig } from './network';
import { ADMIN, forkListening, launchServer, stop } from './processes';
import { percentile, withinOf, type Figure } from './results';
import type { ScreenAnswer, ScreenJob } from './screen-worker';

export interface ScreenPlan {
  clients: number[];
  trials: number;
}

/** Hour after hour, the unit's occupancy at 100% (a crisis opens) then 50% (it settles): each changes its episode. */
function trialBodies(from: number, trials: number): string[] {
  const unit = BENCH_UNITS[0]!;
  return Array.from({ length: trials }, (_, i) => {
    const ts = new Date(BENCH_START + (from + i) * 3_600_000).toISOString();
    return JSON.stringify({ readings: [{ unit, indicator: 'open', ts, value: 100 }, { unit, indicator: 'occupied', ts, value: (from + i) % 2 === 0 ? 100 : 50 }] });
  });
}

function screen(job: ScreenJob): Promise<Extract<ScreenAnswer, { ok: true }>> {
  const child: ChildProcess = fork(join(__dirname, 'screen-worker.ts'), [], { cwd: resolve(__dirname, '../..'), execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((done, fail) => {
    child.once('message', (answer: ScreenAnswer) => {
      child.kill('SIGKILL');
      if (answer.ok) done(answer);
      else fail(new Error(answer.error));
    });
    child.send(job);
  });
}

export async function screenFigures(root: string, plan: ScreenPlan, say: (line: string) => void): Promise<Record<string, Figure>> {
  const figures: Record<string, Figure> = {};
  const served = await launchServer(mkdtempSync(join(root, 'screen-')), benchConfig('threshold'));
  const bare = await forkListening('screen-ceiling.ts');
  let hour = 0;
  try {
    for (const clients of plan.clients) {
      say(`post to screen, ${clients} clients`);
      const bodies = trialBodies(hour, plan.trials);
      hour += plan.trials;
      const real = await screen({ url: served.url, token: ADMIN, node: BENCH_UNITS[0]!, clients, bodies, trialTimeoutMs: 3000 });
      bare.child.send({ episode: real.sample });
      const ceiling = await screen({ url: bare.url, node: BENCH_UNITS[0]!, clients, bodies, trialTimeoutMs: 3000 });
      const missed = real.missed > 0 ? `; ${real.missed} of ${clients * plan.trials} deliveries did not come within 3 s` : '';
      figures[`post_to_screen_p99_${clients}`] = withinOf(percentile(real.delaysMs, 99), percentile(ceiling.delaysMs, 99), 'ms', 1.1,
        `${clients} clients on the unit's room, ${plan.trials} POSTs each changing an episode, p99 over every delivery; ceiling: bare socket.io emitting the same episode${missed}`);
    }
  } finally {
    await stop(served.child);
    await stop(bare.child);
  }
  return figures;
}
