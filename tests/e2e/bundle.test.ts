import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt, startServer, type E2EServer } from './harness.ts';

/**
 * What a phone downloads to join and answer, measured as the bytes the real server sends
 * (the console, the room screen and the editors are lazy chunks a phone never fetches).
 * Sizes are deterministic for a given build, so this is a budget check, not a timing test.
 */
const BUDGET_KB = 120;
/** What Chromium on a phone announces. */
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

interface Sent {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes on the wire (compressed when the server compressed them). */
  body: Buffer;
}

function get(url: string, headers: http.OutgoingHttpHeaders = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

/** The scripts, module preloads and stylesheets a page names, in order. */
function assetsOf(html: string): string[] {
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  return tags.flatMap((tag) => {
    const isAsset =
      tag.startsWith('<script') || /rel="(modulepreload|stylesheet)"/.test(tag) ? true : false;
    const url = /(?:src|href)="(\/assets\/[^"]+)"/.exec(tag)?.[1];
    return isAsset && url ? [url] : [];
  });
}

describe('what a phone downloads to join', () => {
  let server: E2EServer;
  let page: Sent;
  let assets: { url: string; sent: Sent }[];

  beforeAll(async () => {
    ensureClientBuilt();
    server = await startServer();
    page = await get(`${server.url}/join/ABCDEF`, { 'accept-encoding': ACCEPT_ENCODING });
    const html = (await get(`${server.url}/join/ABCDEF`)).body.toString('utf8');
    assets = await Promise.all(
      assetsOf(html).map(async (url) => ({
        url,
        sent: await get(`${server.url}${url}`, { 'accept-encoding': ACCEPT_ENCODING }),
      })),
    );
  });
  afterAll(() => server.close());

  it(`sends the page, its JavaScript and its CSS within ${BUDGET_KB} KB`, () => {
    expect(assets.some(({ url }) => url.endsWith('.js'))).toBe(true);
    expect(assets.some(({ url }) => url.endsWith('.css'))).toBe(true);
    const bytes = page.body.length + assets.reduce((n, { sent }) => n + sent.body.length, 0);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `join path as sent: page ${kb(page.body.length)}, ` +
        assets.map(({ url, sent }) => `${url} ${kb(sent.body.length)}`).join(', ') +
        ` = ${kb(bytes)}`,
    );
    expect(bytes / 1024).toBeLessThan(BUDGET_KB);
  });

  it('sends pre-compressed brotli, cached for a year, and says it varies by encoding', () => {
    for (const { url, sent } of assets) {
      expect(sent.status, url).toBe(200);
      expect(sent.headers['content-encoding'], url).toBe('br');
      expect(sent.headers.vary, url).toMatch(/Accept-Encoding/i);
      expect(sent.headers['cache-control'], url).toContain('immutable');
    }
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('still sends the plain files to a client that accepts no compression', async () => {
    const [first] = assets;
    const plain = await get(`${server.url}${first?.url ?? ''}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(first?.sent.body.length ?? 0);
  });

  it('leaves zod and the QR code generator out of the phone’s path', async () => {
    const code = (await Promise.all(assets.map(({ url }) => get(`${server.url}${url}`))))
      .map((sent) => sent.body.toString('utf8'))
      .join('\n');
    // Phones import only types and small zod-free modules from shared/: validation is the server's.
    expect(code).not.toContain('ZodError');
    expect(code).not.toContain('errorCorrectionLevel');
  });

  it('passes API answers through compression (JSON over 1 KB goes out compressed)', async () => {
    const sent = await get(`${server.url}/api/join/ABCDEF`, { 'accept-encoding': 'gzip' });
    expect(sent.headers['content-type']).toMatch(/json/);
    expect(sent.headers.vary ?? '').toMatch(/Accept-Encoding/i);
  });
});
