import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The client's styles stay a small global layer over CSS Modules beside their components:
 * every colour is a token named once in client/src/tokens.css, and no stylesheet grows past
 * what one person reads in one sitting.
 */
const CLIENT_SRC = fileURLToPath(new URL('../../client/src/', import.meta.url));
const TOKENS = 'tokens.css';
const MAX_LINES = 400;

/** A hex colour: `#` then 3, 4, 6 or 8 hex digits, not part of a longer word. */
const HEX_COLOUR = /#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![0-9a-z_-])/gi;

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** The file's text without its comments (a comment may name a colour it explains). */
function rulesOf(path: string): string {
  return readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
}

const files = cssFiles(CLIENT_SRC).map((path) => relative(CLIENT_SRC, path).replaceAll('\\', '/'));

describe('client stylesheets', () => {
  it('finds the tokens file and the CSS Modules', () => {
    expect(files).toContain(TOKENS);
    expect(files.filter((file) => file.endsWith('.module.css')).length).toBeGreaterThan(20);
  });

  it('writes no hex colour outside client/src/tokens.css', () => {
    const found = files
      .filter((file) => file !== TOKENS)
      .flatMap((file) =>
        rulesOf(join(CLIENT_SRC, file))
          .split('\n')
          .flatMap((line, index) =>
            (line.match(HEX_COLOUR) ?? []).map((hex) => `${file}:${index + 1} ${hex}`),
          ),
      );
    expect(found).toEqual([]);
  });

  it('names every colour of the tokens file as a custom property', () => {
    const stray = readFileSync(join(CLIENT_SRC, TOKENS), 'utf8')
      .split('\n')
      .filter((line) => line.match(HEX_COLOUR) && !/^\s*--[a-z0-9-]+:\s*#[0-9a-f]+;$/i.test(line));
    expect(stray).toEqual([]);
  });

  it(`keeps every stylesheet within ${MAX_LINES} lines`, () => {
    const lines = (file: string) =>
      readFileSync(join(CLIENT_SRC, file), 'utf8').trimEnd().split('\n').length;
    const long = files.filter((file) => lines(file) > MAX_LINES);
    expect(long).toEqual([]);
  });
});
