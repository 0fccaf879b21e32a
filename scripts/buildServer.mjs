// Bundles the server, with the shared workspace's TypeScript, into server/dist/main.js: inside its
// workspace, so Node resolves the npm dependencies it leaves external as the workspace does
// (server/node_modules first: the server's cookie 1.x, not express's 0.7 at the root).
// npm dependencies stay external (native addons such as better-sqlite3 cannot be bundled).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const dependencies = (file) =>
  Object.keys(JSON.parse(readFileSync(file, 'utf8')).dependencies ?? {});

await build({
  entryPoints: ['server/src/main.ts'],
  outfile: 'server/dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...dependencies('server/package.json'), ...dependencies('shared/package.json')],
  sourcemap: true,
  logLevel: 'warning',
});
