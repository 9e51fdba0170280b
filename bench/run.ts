// `npm run bench [name ...]`: runs every section in bench/sections (or those named), prints each
// table and writes them all to docs/BENCHMARKS.md with the machine they ran on.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRunner, BenchSection } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const sectionsDir = join(here, 'sections');
const outFile = join(here, '..', 'docs', 'BENCHMARKS.md');

function table(s: BenchSection): string {
  const head = `| ${s.columns.join(' | ')} |\n|${s.columns.map(() => '---').join('|')}|`;
  const body = s.rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
  const notes = s.notes?.length ? `\n\n${s.notes.map((n) => `- ${n}`).join('\n')}` : '';
  return `## ${s.title}\n\n${head}\n${body}${notes}\n`;
}

const wanted = process.argv.slice(2);
const files = readdirSync(sectionsDir)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => !wanted.length || wanted.some((w) => f.includes(w)))
  .sort();

// Sections run one at a time so they do not steal each other's two cores.
const byFile = new Map<string, string>();
for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = (await import(pathToFileURL(join(sectionsDir, file)).href)) as { default: BenchRunner };
  const result = await mod.default();
  const text = (Array.isArray(result) ? result : [result]).map(table).join('\n');
  console.log(text);
  byFile.set(file, text);
}

// A partial run keeps the other sections' last figures, so the file always holds every table.
let previous = '';
try {
  previous = readFileSync(outFile, 'utf8');
} catch {}
const kept = new Map<string, string>();
for (const m of previous.matchAll(/<!-- section:(\S+) -->\n([\s\S]*?)<!-- \/section -->/g)) {
  kept.set(m[1] as string, m[2] as string);
}
for (const [f, t] of byFile) kept.set(f, t);

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const header = `# Ward benchmarks\n\nWritten by \`npm run bench\`; do not edit by hand. Each section notes when it last ran.\n\n`;
const body = [...kept.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([f, t]) => {
    const stamp = byFile.has(f) ? `_Run ${new Date().toISOString().slice(0, 16)}Z on ${machine}._\n\n` : '';
    const text = byFile.has(f) ? stamp + t : t;
    return `<!-- section:${f} -->\n${text}<!-- /section -->`;
  })
  .join('\n\n');
writeFileSync(outFile, `${header}${body}\n`);
console.log(`\nwrote ${outFile}`);
