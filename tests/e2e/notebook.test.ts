/**
 * A session's notebook in real browsers: a short session runs and writes its rounds in;
 * the facilitator and a teammate (through an edit link) edit it together and see each
 * other; a read link cannot edit and is cut off the moment it is revoked; the server is
 * killed and restarted on the same data, and everything is still there; the Markdown
 * export holds the notes; the JSON archive imports as a new notebook; the list searches.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ensureClientBuilt,
  expectAccessible,
  freePort,
  launchBrowser,
  newLaptop,
  newPhone,
  newTempDir,
  removeDir,
  screenshotOnFailure,
  screenshotter,
  startChildServer,
  UI_TIMEOUT_MS,
  waitForText,
  type ChildServer,
} from './harness.ts';

const TITLE = 'Notebook drill';
const FIRST = 'How do customers reach us first?';
const SECOND = 'Which channel should we improve?';
/** A restarted server is picked up by reconnecting pages well within this. */
const RECOVERY_MS = 15_000;

let dataDir: string;
let port: number;
let server: ChildServer | null = null;
let browser: Browser;
let url = '';
let session: { sessionId: string; code: string; facilitatorToken: string };
let laptop: BrowserContext;
let consolePage: Page;
let phone: Page;
/** The facilitator's notebook tab, and the teammate's on their own laptop. */
let mine: Page;
let sam: Page;
let reader: Page;
const pageErrors: string[] = [];
const shot = screenshotter('notebook');

function watch(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
  // Revoking a link and ending the session ask first: the facilitator says yes.
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

beforeAll(async () => {
  ensureClientBuilt();
  dataDir = newTempDir();
  port = await freePort();
  server = await startChildServer(dataDir, port);
  url = server.url;
  browser = await launchBrowser();
  laptop = await newLaptop(browser);
});

screenshotOnFailure(shot, () => [
  ['console', consolePage],
  ['phone', phone],
  ['mine', mine],
  ['sam', sam],
  ['reader', reader],
]);

afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (dataDir) removeDir(dataDir);
});

const poll = (title: string, question: string, options: string[]) => ({
  kind: 'poll',
  title,
  config: { question, options, isMultipleChoice: false, isAnonymous: false },
});

const status = (page: Page) => page.getByTestId('nb-status');
/** Polls until a value arrives (vitest's default of one second is short for a busy machine). */
const eventually = <T>(read: () => Promise<T>, timeout = UI_TIMEOUT_MS) =>
  expect.poll(read, { timeout });
const roundBlock = (page: Page, n: number) => page.getByRole('article', { name: `Round ${n}:` });
const notesOf = (page: Page, n: number) =>
  roundBlock(page, n).getByRole('textbox', { name: 'Notes' });

/** Opens a share link in `page`, giving a display name the first time. */
async function openLink(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Your name' }).fill(name);
  await page.getByRole('button', { name: 'Open the notebook' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
}

async function createLink(rights: 'read' | 'edit'): Promise<string> {
  await mine
    .getByRole('button', { name: `Create a${rights === 'edit' ? 'n' : ''} ${rights} link` })
    .click();
  const address = mine.getByRole('textbox', { name: new RegExp(`New ${rights} link`) });
  await address.waitFor();
  const link = await address.inputValue();
  expect(link).toMatch(new RegExp(`^${url}/notebook/${session.sessionId}#link=[A-Za-z0-9_-]+$`));
  await mine.getByRole('button', { name: 'Done' }).click();
  return link;
}

describe('session notebooks in the browser', () => {
  it('runs a short session whose rounds are written into the notebook, notes from the console included', async () => {
    const response = await fetch(`${url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: TITLE,
        agenda: [
          poll('First contact', FIRST, ['Phone', 'Email', 'Chat']),
          poll('Improve', SECOND, ['Phone', 'Email', 'Chat']),
        ],
      }),
    });
    expect(response.status).toBe(201);
    session = (await response.json()) as typeof session;

    consolePage = watch(await laptop.newPage(), 'console');
    await consolePage.goto(`${url}/console/${session.sessionId}#key=${session.facilitatorToken}`);
    await consolePage.getByTestId('join-code').waitFor();

    phone = watch(await newPhone(browser), 'phone');
    await phone.goto(`${url}/join/${session.code}`);
    await phone.getByLabel('Your name, as the room will see it').fill('Ana');
    await phone.getByRole('button', { name: 'Join', exact: true }).click();
    await phone.getByText('Waiting for the facilitator to start').waitFor();

    await consolePage.getByRole('button', { name: 'Start session' }).click();
    await phone.getByRole('heading', { name: FIRST }).waitFor();
    await phone.getByRole('radio', { name: 'Email' }).click();
    await waitForText(phone.getByRole('status'), 'Answer saved');

    // The console's "Notes for this round" writes into the round's notebook block.
    const consoleNotes = consolePage.getByRole('textbox', { name: 'Notes for this round' });
    await consoleNotes.click();
    await consolePage.keyboard.type('Email came first. ');
    await consolePage.getByText(/^Saved · /).waitFor();
    await shot(consolePage, 'console-round-notes');

    await consolePage.getByRole('button', { name: 'Next round →' }).click();
    await phone.getByRole('heading', { name: SECOND }).waitFor();
    await phone.getByRole('radio', { name: 'Chat' }).click();
    await waitForText(phone.getByRole('status'), 'Answer saved');
    await consolePage.getByRole('button', { name: 'End session' }).click();
    await consolePage.getByRole('heading', { name: 'Results', exact: true }).waitFor();

    // The console links to the notebook (a new tab in real use; here, the same context).
    const link = consolePage.getByRole('link', { name: 'Notebook', exact: true });
    expect(await link.getAttribute('href')).toBe(`/notebook/${session.sessionId}`);
    mine = watch(await laptop.newPage(), 'mine');
    await mine.goto(`${url}/notebook/${session.sessionId}`);
    await mine.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await waitForText(status(mine), 'Saved');
    await waitForText(roundBlock(mine, 1), FIRST);
    await waitForText(roundBlock(mine, 2), SECOND);
    expect(await notesOf(mine, 1).inputValue()).toBe('Email came first. ');
    expect(
      await mine.getByRole('region', { name: 'Agenda' }).getByRole('listitem').allTextContents(),
    ).toEqual(['First contact', 'Improve']);
  });

  it('lets the facilitator and a teammate with an edit link edit together and see each other', async () => {
    const editLink = await createLink('edit');
    const teammate = await newLaptop(browser);
    sam = watch(await teammate.newPage(), 'sam');
    await openLink(sam, editLink, 'Sam');
    await waitForText(status(sam), 'Saved');

    // Presence: each sees the other by name.
    const chips = (page: Page) => page.getByRole('list', { name: 'Who is here' });
    await waitForText(chips(mine).getByRole('listitem'), 'Sam');
    await waitForText(chips(sam).getByRole('listitem'), 'Facilitator');

    // Both write in the same round's notes; each sees the other's words.
    await notesOf(mine, 1).click();
    await mine.keyboard.press('Control+End');
    await mine.keyboard.type('Chat is growing.');
    await waitForText(roundBlock(sam, 1).getByText('Facilitator is editing'), 'Facilitator');
    await eventually(() => notesOf(sam, 1).inputValue()).toBe('Email came first. Chat is growing.');
    await notesOf(sam, 1).click();
    await sam.keyboard.press('Control+End');
    await sam.keyboard.type(' Sam agrees.');
    await waitForText(roundBlock(mine, 1).getByText('Sam is editing'), 'Sam');
    const together = 'Email came first. Chat is growing. Sam agrees.';
    await eventually(() => notesOf(mine, 1).inputValue()).toBe(together);
    await eventually(() => notesOf(sam, 1).inputValue()).toBe(together);

    // Sam adds a follow-up with an owner and ticks it; the facilitator sees it all.
    await sam
      .getByRole('group', { name: 'Add to the end' })
      .getByRole('button', { name: 'Add a follow-up' })
      .click();
    await sam.keyboard.type('Draft the email policy');
    const samFollowUp = sam.getByRole('article', { name: 'Follow-up' });
    await samFollowUp.getByRole('textbox', { name: 'Owner' }).fill('Ana');
    await samFollowUp.getByRole('checkbox', { name: 'Done' }).check();
    const myFollowUp = mine.getByRole('article', { name: /Follow-up/ });
    await myFollowUp.getByRole('checkbox', { name: 'Done', checked: true }).waitFor();
    await eventually(() => myFollowUp.getByRole('textbox', { name: 'Owner' }).inputValue()).toBe(
      'Ana',
    );
    await eventually(() =>
      myFollowUp.getByRole('textbox', { name: 'Follow-up' }).inputValue(),
    ).toBe('Draft the email policy');

    // The facilitator adds a decision below round 2.
    await roundBlock(mine, 2).getByRole('button', { name: 'Add below this round' }).click();
    await roundBlock(mine, 2).getByRole('button', { name: 'Add a decision' }).click();
    await mine.keyboard.type('Pilot a chat rota next month');
    await eventually(() =>
      sam.getByRole('article', { name: 'Decision' }).getByRole('textbox').inputValue(),
    ).toBe('Pilot a chat rota next month');

    await mine.locator('body').click({ position: { x: 5, y: 5 } });
    await waitForText(status(mine), /^Saved$/);
    await waitForText(status(sam), /^Saved$/);
    await shot(mine, 'laptop-facilitator');
    await shot(sam, 'laptop-teammate');
    await expectAccessible(mine, 'the notebook (facilitator)');
    await expectAccessible(sam, 'the notebook (edit link)');
  });

  it('shows a read link without any way to edit, and switches it to revoked the moment it is revoked', async () => {
    const readLink = await createLink('read');
    reader = watch(await newPhone(browser), 'reader');
    await openLink(reader, readLink, 'Lee');
    await reader.getByText('Read only', { exact: true }).waitFor();
    await waitForText(roundBlock(reader, 1), 'Sam agrees.');
    await waitForText(
      reader.getByRole('article', { name: /Follow-up/ }),
      'Owner: Ana · Due: no date · Status: done',
    );
    expect(await reader.getByRole('main').getByRole('textbox').count()).toBe(0);
    expect(await reader.getByRole('main').getByRole('checkbox').count()).toBe(0);
    expect(await reader.getByRole('button', { name: /^Add|Delete/ }).count()).toBe(0);
    await waitForText(mine.getByRole('list', { name: 'Who is here' }).getByRole('listitem'), 'Lee');
    await shot(reader, 'phone-read-only');
    await expectAccessible(reader, 'the notebook (read link, phone)');

    // An edit made now reaches the reader live.
    await notesOf(mine, 2).fill('Chat volume doubled since spring.');
    await waitForText(roundBlock(reader, 2), 'Chat volume doubled since spring.');

    await mine
      .getByRole('list', { name: 'Active links' })
      .getByRole('button', { name: /Revoke the read link/ })
      .click();
    await reader.getByRole('heading', { name: 'This link has been revoked' }).waitFor();
    await shot(reader, 'phone-revoked');
    // Cut off, the reader is no longer shown as here.
    await eventually(() =>
      mine.getByRole('list', { name: 'Who is here' }).getByRole('listitem').allTextContents(),
    ).toEqual(['Facilitator (you)', 'Sam']);
    // Opening it again does not work either.
    await reader.reload();
    await reader.getByRole('heading', { name: 'This link has been revoked' }).waitFor();
    // The edit link is untouched.
    await waitForText(status(sam), /^Saved$/);
  });

  it('merges edits made while the server was down, keeps everything through a restart, and exports Markdown', async () => {
    await server?.kill();
    server = null;
    const offline = 'Offline: edits are kept and will merge';
    await waitForText(status(mine), offline);
    await waitForText(status(sam), offline);
    await shot(sam, 'laptop-teammate-offline');

    // Both keep writing while the server is down: the same text, and a new block.
    await notesOf(sam, 2).click();
    await sam.keyboard.press('Control+End');
    await sam.keyboard.type(' Sam wrote this offline.');
    await mine
      .getByRole('group', { name: 'Add to the end' })
      .getByRole('button', { name: 'Add a note' })
      .click();
    await mine.keyboard.type('Written while the server was down');
    await notesOf(mine, 2).click();
    await mine.keyboard.press('Home');
    await mine.keyboard.type('Facilitator offline: ');

    server = await startChildServer(dataDir, port);
    const merged = 'Facilitator offline: Chat volume doubled since spring. Sam wrote this offline.';
    // Each page reconnects on its own schedule (backing off up to 3 s): wait for both first.
    for (const page of [mine, sam])
      await status(page)
        .filter({ hasText: /^Saved$/ })
        .waitFor({ timeout: RECOVERY_MS });
    for (const page of [mine, sam])
      await eventually(() => notesOf(page, 2).inputValue(), RECOVERY_MS).toBe(merged);

    // Reopened from scratch (a new context: no local copy), everything is there.
    const fresh = await newLaptop(browser);
    const again = watch(await fresh.newPage(), 'again');
    await again.goto(`${url}/notebook/${session.sessionId}#key=${session.facilitatorToken}`);
    await waitForText(status(again), /^Saved$/);
    await eventually(() => notesOf(again, 1).inputValue()).toBe(
      'Email came first. Chat is growing. Sam agrees.',
    );
    expect(await notesOf(again, 2).inputValue()).toBe(merged);
    const followUp = again.getByRole('article', { name: /Follow-up/ });
    expect(await followUp.getByRole('textbox', { name: 'Owner' }).inputValue()).toBe('Ana');
    expect(await followUp.getByRole('checkbox', { name: 'Done' }).isChecked()).toBe(true);
    expect(
      await again.getByRole('article', { name: 'Decision' }).getByRole('textbox').inputValue(),
    ).toBe('Pilot a chat rota next month');
    expect(
      await again.getByRole('article', { name: 'Note' }).getByRole('textbox').inputValue(),
    ).toBe('Written while the server was down');

    // The teammate's page still edits live.
    await notesOf(sam, 2).click();
    await sam.keyboard.press('Control+End');
    await sam.keyboard.type(' After the restart.');
    await eventually(() => notesOf(again, 2).inputValue()).toBe(`${merged} After the restart.`);

    const [download] = await Promise.all([
      again.waitForEvent('download'),
      again.getByRole('button', { name: 'Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = fs.readFileSync((await download.path()) ?? '', 'utf8');
    expect(markdown).toContain(TITLE);
    expect(markdown).toContain('Email came first. Chat is growing. Sam agrees.');
    expect(markdown).toContain('Draft the email policy');
    expect(markdown).toContain('Pilot a chat rota next month');
    expect(markdown).toContain('Sam wrote this offline. After the restart.');
    await waitForText(again.getByText(/^Downloaded /), '.md');
    await fresh.close();
  });

  it('lists and searches the notebooks, and imports a JSON archive as a new notebook', async () => {
    const [download] = await Promise.all([
      mine.waitForEvent('download'),
      mine.getByRole('button', { name: 'JSON archive' }).click(),
    ]);
    const archive = (await download.path()) ?? '';

    await mine.goto(`${url}/notebooks`);
    await mine.getByRole('heading', { level: 1, name: 'Your notebooks' }).waitFor();
    await mine.getByRole('link', { name: TITLE }).waitFor();
    await mine.getByRole('searchbox', { name: /Search/ }).fill('email policy');
    await waitForText(mine.getByRole('status'), '1 notebook mentions “email policy”');
    await waitForText(mine.locator('[data-testid="nb-snippet"] mark'), 'email policy');
    await shot(mine, 'laptop-notebooks-search');
    await expectAccessible(mine, 'the notebooks page');
    await mine.getByRole('searchbox', { name: /Search/ }).fill('nothing like this');
    await waitForText(mine.getByRole('status'), '0 notebooks mention');

    await mine.getByLabel('Notebook archive (.json)').setInputFiles(archive);
    await mine.waitForURL(
      (u) =>
        /\/notebook\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith(session.sessionId),
    );
    await mine.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await waitForText(status(mine), /^Saved$/);
    await eventually(() => notesOf(mine, 1).inputValue()).toBe(
      'Email came first. Chat is growing. Sam agrees.',
    );

    // Both now show in the list.
    await mine.goto(`${url}/notebooks`);
    await waitForText(mine.getByRole('status'), '2 notebooks');
    expect(pageErrors).toEqual([]);
  });
});
