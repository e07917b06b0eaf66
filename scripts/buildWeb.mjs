// Bundles the browser code (widget and agent console) with esbuild into public/build/.
import { build } from 'esbuild';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  logLevel: 'warning',
  legalComments: 'none',
};
await build({
  ...common,
  entryPoints: [join(root, 'web/widget/index.ts')],
  outfile: join(root, 'public/build/widget.js'),
});
await build({
  ...common,
  entryPoints: [join(root, 'web/console/index.ts')],
  outfile: join(root, 'public/build/console.js'),
});
