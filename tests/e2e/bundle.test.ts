import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from './harness.ts';

/**
 * What a phone downloads to join and answer: the entry chunk and its static imports (the
 * console, the room screen and the editors are lazy chunks). Sizes are deterministic for a
 * given build, so this is a budget check, not a timing test.
 */
const CLIENT_DIR = path.resolve(import.meta.dirname, '../../dist/client');
const BUDGET_KB = 120;

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

function participantPath(): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(CLIENT_DIR, '.vite/manifest.json'), 'utf8'),
  ) as Record<string, Chunk>;
  const seen = new Set<string>();
  const stack = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  while (stack.length) {
    const key = stack.pop() ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    stack.push(...(manifest[key]?.imports ?? []));
  }
  return [...seen].map((key) => manifest[key]?.file ?? '').filter((file) => file.endsWith('.js'));
}

describe('the phone’s JavaScript', () => {
  beforeAll(() => ensureClientBuilt());

  it(`stays under ${BUDGET_KB} KB gzipped on the join-and-answer path`, () => {
    const files = participantPath();
    const bytes = files.reduce(
      (n, file) => n + gzipSync(fs.readFileSync(path.join(CLIENT_DIR, file)), { level: 9 }).length,
      0,
    );
    console.log(`participant path: ${files.join(', ')} = ${(bytes / 1024).toFixed(1)} KB gzipped`);
    expect(bytes / 1024).toBeLessThan(BUDGET_KB);
  });

  it('leaves zod and the QR code generator out of the phone’s path', () => {
    const code = participantPath()
      .map((file) => fs.readFileSync(path.join(CLIENT_DIR, file), 'utf8'))
      .join('\n');
    // Phones import only types and small zod-free modules from shared/: validation is the server's.
    expect(code).not.toContain('ZodError');
    expect(code).not.toContain('errorCorrectionLevel');
  });
});
