// Writes brotli (.br) and gzip (.gz) copies beside every text file of the built client, so
// the server sends phones compressed bytes without compressing on each request.
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = path.resolve(import.meta.dirname, '../dist/client');
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;

let files = 0;
for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
  const file = path.join(entry.parentPath, entry.name);
  const data = fs.readFileSync(file);
  fs.writeFileSync(
    `${file}.br`,
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  );
  fs.writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
  files++;
}
console.log(`compressed ${files} client files (brotli and gzip)`);
