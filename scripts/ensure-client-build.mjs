// Builds the ops room client once, so `npm start` on a fresh clone serves it.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
if (!existsSync(new URL('../client/dist/index.html', import.meta.url))) {
  console.log('Building the ops room client (first start only)...');
  execSync('npx vite build', { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
}
