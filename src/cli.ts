/**
 * `npm run chat`: a terminal chat with the same engine, no HTTP server. Uses the in-memory
 * store unless REDIS_URL is set. Type `/quit` to leave.
 */
import { createInterface } from 'node:readline';
import { stdin, stdout } from 'node:process';
import { randomBytes } from 'node:crypto';
import { loadConfig } from './config.js';
import { createKefu } from './kefu.js';
import { createLogger } from './observability/logger.js';
import type { Reply } from './domain/message.js';

function print(replies: readonly Reply[]): void {
  for (const r of replies) {
    stdout.write(`kefu> ${r.text.replace(/\n/g, '\n      ')}\n`);
    if (r.quickReplies?.length) stdout.write(`      [${r.quickReplies.join(' | ')}]\n`);
    if (r.source) stdout.write(`      (source: ${r.source})\n`);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const kefu = await createKefu({ config, log: createLogger({ level: 'silent' }) });
  const userId = `cli_${randomBytes(6).toString('hex')}`;
  const rl = createInterface({ input: stdin, output: stdout, terminal: stdin.isTTY });
  stdout.write(
    `kefu terminal chat (${kefu.store.kind} store, ${config.llm ? 'LLM' : 'rule'} mode). /quit to leave.\n`,
  );
  print((await kefu.runTurn({ channel: 'web', userId, kind: 'event', event: 'session_start' })).replies);
  try {
    stdout.write('you > ');
    // Async iteration buffers lines that arrive while a turn is running (piped input).
    for await (const line of rl) {
      if (line.trim() === '/quit') break;
      if (line.trim())
        print((await kefu.runTurn({ channel: 'web', userId, kind: 'text', text: line })).replies);
      stdout.write('you > ');
    }
  } finally {
    rl.close();
    await kefu.close();
  }
}

main().catch((err: unknown) => {
  console.error(`kefu chat: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
