// `npm start`: build the extension for both browsers, then run the sync server in the foreground.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('\nThe extension build failed; see the output above.');
  process.exit(build.status ?? 1);
}

const chrome = resolve('.output/chrome-mv3');
const firefox = resolve('.output/firefox-mv3');
console.log(`
Ward is built.

  Chrome / Edge: open chrome://extensions (edge://extensions), turn on Developer mode,
                 choose "Load unpacked" and pick
                 ${chrome}
  Firefox:       open about:debugging#/runtime/this-firefox, choose "Load Temporary Add-on…"
                 and pick ${firefox}/manifest.json

Starting the sync server (Ctrl+C stops it)…
`);

const server = spawn('npx', ['tsx', 'sync-server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
