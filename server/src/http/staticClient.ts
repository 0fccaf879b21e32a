import path from 'node:path';
import type express from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Brotli first (smaller), then gzip, then the file as built. */
const ENCODINGS = { enableBrotli: true, orderPreference: ['br', 'gz'] };

/**
 * Serves the built client: the pre-compressed copies `npm run build` writes beside each
 * file (`Vary: Accept-Encoding` is set), hashed assets cached for a year, and every other
 * page as the single-page app's `index.html`, revalidated on each visit.
 */
export function serveClient(app: express.Express, clientDir: string): void {
  app.use(
    '/assets',
    expressStaticGzip(path.join(clientDir, 'assets'), {
      ...ENCODINGS,
      serveStatic: { immutable: true, maxAge: '1y', fallthrough: true },
    }),
  );
  const pages = expressStaticGzip(clientDir, {
    ...ENCODINGS,
    index: false,
    serveStatic: { index: false, cacheControl: false },
  });
  app.use((req, res, next) => {
    if (req.path === '/index.html' || req.path.endsWith('.br') || req.path.endsWith('.gz')) {
      next();
      return;
    }
    pages(req, res, next);
  });
  // Every other page is the single-page app: it shows its own "not found" screens.
  app.get(/^\/(?!api\/|socket\.io\/).*/, (req, res, next) => {
    res.set('Cache-Control', 'no-cache');
    req.url = '/index.html';
    pages(req, res, next);
  });
}
