// `npm test`: every check Ward has, in order, failing if any fails.
// Each step runs even when an earlier one failed, so one CI run reports everything at once.
import { spawnSync } from 'node:child_process';

const steps = [
  ['lint', 'npx', ['biome', 'ci', '.']],
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['build', 'npm', ['run', 'build']],
  [
    'firefox lint',
    'npx',
    ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--self-hosted', '--no-input'],
  ],
  ['unit + integration', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['browser (e2e)', 'npx', ['vitest', 'run', '--project', 'e2e', '--passWithNoTests']],
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const summary = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const ok = r.status === 0;
  if (ok) passed++;
  else failed++;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log(`\n${summary.join('\n')}`);
console.log(`steps: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
