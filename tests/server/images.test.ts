/**
 * Images of content slides over real HTTP, and content rounds over real sockets: an upload
 * is typed by its bytes (PNG, JPEG, WebP; SVG and impostors refused with a clear message,
 * nothing stored), served with year-long caching, an ETag and nosniff, in a phone variant
 * at most 800 px wide; ids are unguessable. A content round hands its parsed slide to the
 * console, the screen and the phones; nobody can act in it, and refusals leave no trace.
 * The image store runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CreateSessionBody, ExerciseViews, Result } from '@playfield/shared';
import { contentSlide } from '@playfield/shared/exercises/content/schema';
import { ImageStore, type ImageTables } from '../../server/src/http/images/imageStore.ts';
import { Repository } from '../../server/src/store/repository.ts';
import { STORAGE_BACKENDS, type OpenedStorage } from './databases.ts';
import {
  emitAck,
  emitRaw,
  exerciseView,
  facilitatorOf,
  nextView,
  participantOf,
  postJson,
  screenOf,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.ts';

/** A photo-like image of `width` x `height` in a format. */
function picture(width: number, height: number, format: 'png' | 'jpeg' | 'webp') {
  return sharp({
    create: { width, height, channels: 3, background: { r: 20, g: 90, b: 160 } },
  })
    .toFormat(format)
    .toBuffer();
}

const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

function upload(body: Buffer | string, type = 'image/png') {
  return fetch(`${server.url}/api/images`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

function imageRows(): number {
  const db = new SQLite(path.join(server.dataDir, 'playfield.db'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from images').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function uploaded(response: Response): Promise<{ id: string; width: number }> {
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; width: number };
}

describe('image uploads', () => {
  it('stores a PNG with a screen size and a phone variant, cached for a year with an ETag', async () => {
    const png = await picture(1600, 900, 'png');
    const { id, width } = await uploaded(await upload(png, 'application/octet-stream'));
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(width).toBe(1600);

    const full = await fetch(`${server.url}/api/images/${id}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/png');
    expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = full.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect((await sharp(Buffer.from(await full.arrayBuffer())).metadata()).width).toBe(1600);

    const again = await fetch(`${server.url}/api/images/${id}`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);

    const phone = await fetch(`${server.url}/api/images/${id}/phone`);
    expect(phone.headers.get('content-type')).toBe('image/webp');
    expect(phone.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const small = await sharp(Buffer.from(await phone.arrayBuffer())).metadata();
    expect(small).toMatchObject({ format: 'webp', width: 800, height: 450 });
  });

  it('takes JPEG and WebP by their bytes whatever they are called', async () => {
    for (const format of ['jpeg', 'webp'] as const) {
      const { id } = await uploaded(await upload(await picture(300, 200, format), 'image/png'));
      const full = await fetch(`${server.url}/api/images/${id}`);
      expect(full.headers.get('content-type')).toBe(`image/${format}`);
      // Small images are not enlarged for phones.
      const phone = await sharp(
        Buffer.from(await (await fetch(`${server.url}/api/images/${id}/phone`)).arrayBuffer()),
      ).metadata();
      expect(phone.width).toBe(300);
    }
    expect(imageRows()).toBe(2);
  });

  it('refuses SVG, impostors, empty and oversized files with clear messages and stores nothing', async () => {
    const png = await picture(40, 40, 'png');
    const cases: [Buffer | string, number, RegExp][] = [
      [SVG, 400, /SVG images are not accepted/],
      [Buffer.from('  <svg onload="alert(1)"></svg>'), 400, /SVG/],
      [Buffer.from('GIF89a……'), 400, /not a PNG, JPEG or WebP/],
      [Buffer.from('%PDF-1.7 not an image'), 400, /not a PNG, JPEG or WebP/],
      // A PNG signature on bytes that are not a PNG.
      [Buffer.concat([png.subarray(0, 8), randomBytes(2000)]), 400, /could not be read/],
      [Buffer.alloc(0), 400, /empty/],
      [Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]), 413, /larger than 5 MB/],
    ];
    for (const [body, status, message] of cases) {
      const response = await upload(body, 'image/png');
      expect(response.status).toBe(status);
      const { error } = (await response.json()) as { error: { message: string } };
      expect(error.message).toMatch(message);
    }
    expect(imageRows()).toBe(0);
  });

  it('answers 404 to guessed, malformed and reserved ids, never another image', async () => {
    const { id } = await uploaded(await upload(await picture(50, 50, 'png')));
    for (const guess of [
      id.slice(0, -1) + (id.endsWith('A') ? 'B' : 'A'),
      'abc',
      '__proto__',
      'constructor',
      '..%2F..%2Fetc%2Fpasswd',
    ]) {
      const response = await fetch(`${server.url}/api/images/${guess}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).not.toContain('immutable');
    }
  });

  it('limits uploads per network address', async () => {
    const small = await picture(8, 8, 'png');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await upload(small)).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

type Console = ExerciseViews<'content'>['facilitator'];
type Phone = ExerciseViews<'content'>['participantPublic'];
type Screen = ExerciseViews<'content'>['screen'];

describe('content rounds, live', () => {
  async function openRoom(agenda: CreateSessionBody['agenda']) {
    const session = await server.createSession({ title: 'The Service Pro', agenda });
    const facilitator = await server.connect(facilitatorOf(session));
    const screen = await server.connect(screenOf(session));
    const seat = await server.join(session.code, 'Ana');
    const phone = await server.connect(participantOf(seat));
    expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    const { view } = await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round);
    return { facilitator, screen, phone, roundId: view.round?.id ?? '' };
  }

  it('hands the parsed slide to the console, the screen and the phones; nobody can act in it', async () => {
    const { id } = await uploaded(await upload(await picture(400, 300, 'png')));
    const { facilitator, screen, phone, roundId } = await openRoom([
      {
        kind: 'content',
        title: 'Moments of truth',
        config: {
          layout: 'quote',
          heading: 'Moments of truth',
          body: 'Every contact is a **moment of truth**.\n\n<script>alert(1)</script>',
          attribution: 'Jan Carlzon',
          imageId: id,
          imageAlt: 'An airport gate',
        },
      },
      {
        kind: 'content',
        title: 'Look up',
        config: contentSlide({
          layout: 'bigNumber',
          bigNumber: '1 in 26',
          phoneMode: 'lookAtScreen',
        }),
      },
    ]);
    const onScreen = (
      await exerciseView(screen, 'view.screen', 'content', (v: Screen) => v.layout === 'quote')
    ).view;
    expect(onScreen).toMatchObject({ heading: 'Moments of truth', attribution: 'Jan Carlzon' });
    expect(onScreen.image).toEqual({ id, alt: 'An airport gate' });
    expect(onScreen.body.blocks).toEqual([
      {
        t: 'p',
        c: [
          { t: 'text', v: 'Every contact is a ' },
          { t: 'strong', c: [{ t: 'text', v: 'moment of truth' }] },
          { t: 'text', v: '.' },
        ],
      },
      { t: 'p', c: [{ t: 'text', v: '<script>alert(1)</script>' }] },
    ]);
    const onPhone = (await exerciseView(phone, 'view.public', 'content', (v: Phone) => !!v)).view;
    expect(onPhone).toMatchObject({ phoneMode: 'compact', slide: { layout: 'quote' } });
    const onConsole = (
      await exerciseView(facilitator, 'view.facilitator', 'content', (v: Console) => !!v)
    ).view;
    expect(onConsole.phoneMode).toBe('compact');

    const before = server.countRows('events');
    const act = (socket: TestSocket, action: unknown) =>
      emitRaw(socket, 'round.act', { roundId, action }) as Promise<Result<unknown>>;
    for (const action of [{ type: 'answer', choices: [0] }, { type: '__proto__' }, null, 'x']) {
      expect(await act(phone, action)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await act(facilitator, action)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(server.countRows('events')).toBe(before);

    // The next slide tells phones to look at the screen: they get its heading only.
    expect(await emitAck(facilitator, 'session.control', { type: 'round.next' })).toMatchObject({
      ok: true,
    });
    const look = (
      await exerciseView(phone, 'view.public', 'content', (v: Phone) => v.phoneMode !== 'compact')
    ).view;
    expect(look).toEqual({ phoneMode: 'lookAtScreen', heading: '', layout: 'bigNumber' });
  });

  it('refuses bad slides when the session is made, and stores nothing', async () => {
    const bad: unknown[] = [
      { layout: 'marquee' },
      { layout: 'bullets', body: 'x'.repeat(4001) },
      { layout: 'image', imageId: '__proto__', imageAlt: 'x' },
      { layout: 'image', imageId: 'A'.repeat(43) },
      { layout: 'quote' },
      { layout: 'break', backAt: '25:61' },
      { layout: 'title', heading: 'Hi', phoneMode: 'loud' },
    ];
    const sessions = server.countRows('sessions');
    for (const config of bad) {
      const response = await postJson(`${server.url}/api/sessions`, {
        title: 'Bad slides',
        agenda: [{ kind: 'content', title: 'Slide', config }],
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toMatch(/Content slide settings/);
    }
    expect(server.countRows('sessions')).toBe(sessions);
  });
});

/* ---- the image store on each backend ---- */

describe.each(STORAGE_BACKENDS)('image store on $name', (backend) => {
  let env: OpenedStorage;
  let repository: Repository;
  beforeAll(async () => {
    env = await backend.open();
    repository = await Repository.open(env);
  });
  afterAll(async () => {
    await repository.close();
    await env.cleanup();
  });

  it('keeps both variants byte for byte with their types and ETags', async () => {
    const store = new ImageStore(repository.tablesOf<ImageTables>());
    const full = randomBytes(300_000);
    const phone = randomBytes(20_000);
    await store.add({
      id: 'i'.repeat(43),
      createdAt: 1_760_000_000_123,
      width: 1600,
      height: 900,
      variants: {
        full: { mime: 'image/png', etag: '"a"', data: full },
        phone: { mime: 'image/webp', etag: '"b"', data: phone },
      },
    });
    expect(await store.get('i'.repeat(43), 'full')).toEqual({
      mime: 'image/png',
      etag: '"a"',
      data: full,
    });
    expect((await store.get('i'.repeat(43), 'phone'))?.data.equals(phone)).toBe(true);
    expect(await store.etag('i'.repeat(43), 'phone')).toBe('"b"');
    expect(await store.get('j'.repeat(43), 'full')).toBeUndefined();
    expect(await store.count()).toBe(1);
  });
});
