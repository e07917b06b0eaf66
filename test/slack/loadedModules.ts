/**
 * Run in a child process by slackLoading.test.ts: builds kefu from the environment, then prints
 * as JSON which CommonJS modules of Botkit, botbuilder or the Slack SDK were loaded.
 */
import { createRequire } from 'node:module';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createKefu } from '../../src/kefu.js';
import { createMemoryStore } from '../../src/store/createStore.js';

const kefu = await createKefu({
  config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }),
  log: pino({ level: 'silent' }),
  store: createMemoryStore(),
});
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) =>
  /node_modules\/(botkit|botbuilder[^/]*|@slack|botframework-[^/]*)\//.test(path),
);
await kefu.close();
process.stdout.write(
  `${JSON.stringify({ slackDesk: Boolean(kefu.slackDesk), loaded: loaded.length, sample: loaded.slice(0, 3) })}\n`,
);
