// Bundles the server, with the shared workspace's TypeScript, into dist/server/main.js.
// npm dependencies stay external (native addons such as better-sqlite3 cannot be bundled).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const dependencies = (file) =>
  Object.keys(JSON.parse(readFileSync(file, 'utf8')).dependencies ?? {});

await build({
  entryPoints: ['server/src/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...dependencies('server/package.json'), ...dependencies('shared/package.json')],
  sourcemap: true,
  logLevel: 'warning',
});
