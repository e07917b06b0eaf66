import type { AddressInfo } from 'node:net';
import express from 'express';
import type { LlmOutput } from '../../src/nlu/llmNlu.js';

/** A model answer that says nothing (every field null, intent other); spread it and set what the test needs. */
export const SAYS_NOTHING: LlmOutput = {
  intent: 'other',
  act: null,
  faqId: null,
  category: null,
  orderId: null,
  description: null,
  evidence: null,
  evidenceNone: null,
  resolution: null,
  contact: null,
  contactNone: null,
  correction: null,
};

/** One scripted answer: JSON content, an HTTP error, a delay, or malformed content. */
export type ScriptedAnswer = { content: unknown; delayMs?: number } | { status: number } | { raw: string };

/**
 * A local OpenAI-compatible server (`POST /v1/chat/completions`) answering from a script, and
 * recording requests so tests can check the prompt and the model name.
 */
export async function startScriptedOpenAi(
  script: (body: { model: string; messages: Array<{ role: string; content: string }> }) => ScriptedAnswer,
) {
  const requests: Array<{
    model: string;
    messages: Array<{ role: string; content: string }>;
    response_format?: unknown;
  }> = [];
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/v1/chat/completions', async (req, res) => {
    const body = req.body as { model: string; messages: Array<{ role: string; content: string }> };
    requests.push(body);
    const answer = script(body);
    if ('status' in answer) {
      res.status(answer.status).json({ error: { message: 'scripted failure', type: 'server_error' } });
      return;
    }
    if ('delayMs' in answer && answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    const content = 'raw' in answer ? answer.raw : JSON.stringify(answer.content);
    res.json({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', r));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
