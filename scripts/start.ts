import type { Settings } from '../server/config';
import { main, type Attachment, type Running } from '../server/main';
import { startSimulator } from './sim/index';

/**
 * What `npm start` runs: the server's own entry, with the demo attached. When the settings say
 * demo (no OPSROOM_CONFIG, or OPSROOM_SIMULATE=1) the built-in simulator posts readings through
 * the REST API as the units would; otherwise nothing is attached and this is `tsx server/main.ts`.
 */
export function attachDemo(running: Running, settings: Settings): Attachment | null {
  if (!settings.demo) return null;
  const simulator = startSimulator({
    url: running.url, adminToken: running.room.tokens.sessionAdmin(), config: settings.config, log: (line) => console.log(line),
  });
  console.log('opsroom: demo mode: the built-in simulator is posting readings as the units would (set OPSROOM_CONFIG to use your own network)');
  return simulator;
}

if (require.main === module) main({ onStarted: attachDemo });
