import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

describe('npm run chat (terminal chat on the same engine)', () => {
  it('greets, answers a question with its source and leaves on /quit', async () => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/cli.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        REDIS_URL: '',
        AGENT_TOKENS: '',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'kefu-cli-')),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.write('投诉电话多少\n');
    child.stdin.write('/quit\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('memory store, rule mode');
    expect(out).toContain('400-860-8608');
    expect(out).toContain('(source: hotline-number)');
  }, 30_000);
});
