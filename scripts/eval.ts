/**
 * `npm run eval`: top-1 accuracy and out-of-scope refusal rate of FAQ retrieval on the
 * labelled set in test/eval/questions.json, with the real knowledge base.
 */
import { loadEvalSet, runEval } from '../test/eval/evaluate.js';
import { loadKnowledge } from '../src/knowledge/loader.js';
import { FaqIndex } from '../src/knowledge/faqIndex.js';

const kb = loadKnowledge();
const index = new FaqIndex(kb.entries, { synonyms: kb.synonyms.groups, outOfScope: kb.outOfScope });
const report = runEval(index, loadEvalSet());
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
console.log(`knowledge base: ${kb.entries.length} entries`);
console.log(
  `in-scope questions: ${report.inScope}   top-1 accuracy: ${pct(report.accuracy)}   (target ≥ 95 %)`,
);
console.log(
  `out-of-scope questions: ${report.outOfScope}   refused: ${pct(report.refusalRate)}   (target ≥ 90 %)`,
);
if (process.argv.includes('--verbose') || report.failures.length <= 15) {
  for (const f of report.failures)
    console.log(
      `  miss: ${JSON.stringify(f.q)} expected ${f.expected ?? 'refusal'} got ${f.got ?? 'refusal'} (score ${f.score.toFixed(2)}, coverage ${f.coverage.toFixed(2)})`,
    );
}
