/**
 * The bench's baseline: a bare express + redis server doing one GET and one SET per request.
 * Started as a child process by bench/run.ts; prints its port on stdout.
 */
import express from 'express';
import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
await client.connect();
const app = express();
app.use(express.json());
app.post('/api/web/messages', async (req, res) => {
  const key = 'bench:bare:counter';
  const current = await client.get(key);
  await client.set(key, String(Number(current ?? 0) + 1));
  res.json({ replies: [{ text: `ok ${JSON.stringify(req.body).length}` }] });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
process.on('SIGTERM', () => {
  server.close();
  void client.quit().finally(() => process.exit(0));
});
