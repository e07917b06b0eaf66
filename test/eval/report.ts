import { rate, type GroupScore } from './corpus.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** One line per group: tune half, check half, both. */
export function formatScores(title: string, scores: readonly GroupScore[], verbose = false): string {
  const lines = [title];
  const total = { tune: { ok: 0, total: 0 }, check: { ok: 0, total: 0 } };
  for (const s of scores) {
    for (const half of ['tune', 'check'] as const) {
      total[half].ok += s[half].ok;
      total[half].total += s[half].total;
    }
    lines.push(
      `  ${s.group.padEnd(16)} tune ${pct(rate(s.tune)).padStart(7)} (${s.tune.ok}/${s.tune.total})   check ${pct(rate(s.check)).padStart(7)} (${s.check.ok}/${s.check.total})`,
    );
  }
  if (scores.length > 1)
    lines.push(
      `  ${'all'.padEnd(16)} tune ${pct(rate(total.tune)).padStart(7)} (${total.tune.ok}/${total.tune.total})   check ${pct(rate(total.check)).padStart(7)} (${total.check.ok}/${total.check.total})`,
    );
  if (verbose)
    for (const s of scores)
      for (const m of s.misses) lines.push(`    miss [${s.group}/${m.half}] ${m.text}  ${m.why}`);
  return lines.join('\n');
}
