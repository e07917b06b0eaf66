import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAYS_NOTHING, startScriptedOpenAi } from '../fakes/scriptedOpenAi.js';

const ROOT = join(import.meta.dirname, '..', '..');

function runEval(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run eval -- --llm', () => {
  let server: Awaited<ReturnType<typeof startScriptedOpenAi>>;
  beforeAll(async () => {
    // A model that says "hotline-number" to everything: the report must show it, not the rules' answers.
    server = await startScriptedOpenAi(() => ({
      content: { ...SAYS_NOTHING, intent: 'faq', faqId: 'hotline-number' },
    }));
  });
  afterAll(() => server.close());

  it('plays the corpus through LLM mode against the server the environment names', async () => {
    const { code, out } = await runEval(['--llm', '--limit=12'], {
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_MODEL: 'scripted-eval-model',
    });
    expect(code, out).toBe(0);
    expect(out).toContain('LLM mode, scripted-eval-model');
    expect(out).toMatch(/intake replies[\s\S]*check/);
    expect(server.requests.length).toBeGreaterThan(12);
    expect(server.requests.every((r) => r.model === 'scripted-eval-model')).toBe(true);
  }, 120_000);

  it('refuses to run LLM mode without a key', async () => {
    const { code, out } = await runEval(['--llm', '--limit=1'], { OPENAI_API_KEY: '' });
    expect(code).toBe(2);
    expect(out).toContain('--llm needs OPENAI_API_KEY');
  }, 60_000);
});
