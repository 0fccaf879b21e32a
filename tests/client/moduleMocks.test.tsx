import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_FILES_WITH_MODULE_MOCKS } from './moduleMocks.ts';

// Vitest runs from the repository's root (vite.config.ts `root`).
const folder = resolve('tests/client') + '/';

describe('client test projects', () => {
  it('lists every client test file that mocks a module, and only those', () => {
    const mocking = readdirSync(folder)
      .filter((name) => name.endsWith('.test.tsx'))
      .filter((name) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(folder + name, 'utf8')))
      .map((name) => `tests/client/${name}`)
      .sort();
    expect([...CLIENT_FILES_WITH_MODULE_MOCKS].sort()).toEqual(mocking);
  });
});
