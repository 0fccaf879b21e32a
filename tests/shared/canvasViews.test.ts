/**
 * The canvas as an exercise: config bounds with readable messages, posting, editing and
 * removing one's own entries, moderation (hide, merge, split, move), refusals that change
 * nothing, the figures per box worked by hand, privacy of every view (anonymous or not),
 * the summary and a replay of the session's log.
 *
 * This file covers the privacy of every view, the summary and replay; the other canvas*.test.ts files cover the rest.
 */
import { describe, expect, it } from 'vitest';
import { replay, type RoundSpec, type SessionCommand } from '@playfield/shared';
import {
  PUBLIC_CARDS_PER_BOX,
  SCREEN_CARDS_PER_BOX,
  canvas,
  canvasBoard,
  type CanvasState,
} from '@playfield/shared/exercises/canvas/index';
import { FACILITATOR as SESSION_FACILITATOR, run, recordedSession } from './sessionHarness.ts';
import {
  type Action,
  ANA,
  BEN,
  CAI,
  PEOPLE,
  as,
  ctx,
  config,
  init,
  step,
  act,
  post,
  handWorked,
} from './canvasFixtures.ts';

describe('canvas views', () => {
  const secrets = PEOPLE.flatMap((p) => [p.id, p.name]);

  it('figures each box from its shown entries when worked by hand', () => {
    const board = canvasBoard(handWorked(), 10);
    // Box 0 shows e1 (2), e2 (4, merged into e1) and e3 (5); e4 (1) is hidden: 11/3.
    expect(board[0]).toMatchObject({
      entryCount: 3,
      averageRating: 3.67,
      ratingCount: 3,
      moreCards: 0,
    });
    expect(board[1]).toMatchObject({ entryCount: 0, averageRating: null, ratingCount: 0 });
    // An unrated box has no average.
    expect(board[2]).toMatchObject({ entryCount: 1, averageRating: null });
  });

  it('orders the room’s cards by entries, then newest first', () => {
    const state = act(handWorked(), [[as(CAI.id), post(0, 'Brochure', 3)]]);
    expect(canvasBoard(state, 10)[0]?.cards.map((c) => c.id)).toEqual(['e1', 'e6', 'e3']);
  });

  it('keeps the board off the phones until the reveal, and unchanged as people post', () => {
    const empty = JSON.stringify(canvas.participantPublicView(init(), ctx()));
    const filled = canvas.participantPublicView(handWorked(), ctx());
    expect(filled.board).toBeNull();
    expect(JSON.stringify(filled)).toBe(empty);
    expect(filled).toMatchObject({ maxEntriesPerPerson: 4, entryMaxLength: 140 });
  });

  it('shows the phones every shown card without authors after the reveal', () => {
    const view = canvas.participantPublicView(handWorked(), ctx({ isRevealed: true }));
    expect(view.board?.[0]?.cards).toEqual([
      { id: 'e1', text: 'Website', count: 2, rating: 3, tags: [{ tag: 'Not mine', count: 1 }] },
      {
        id: 'e3',
        text: 'Phone call',
        count: 1,
        rating: 5,
        tags: [
          { tag: 'Not mine', count: 1 },
          { tag: 'Urgent', count: 1 },
        ],
      },
    ]);
  });

  it('caps the cards per box on the screen and says how many more there are', () => {
    let state = init({ maxEntriesPerPerson: 30 });
    for (let i = 0; i < SCREEN_CARDS_PER_BOX + 3; i++) {
      state = step(state, as(ANA.id), post(2, `Idea ${i}`));
    }
    const box = canvas.screenView(state, ctx()).board[2];
    expect(box?.cards).toHaveLength(SCREEN_CARDS_PER_BOX);
    expect(box?.moreCards).toBe(3);
    expect(box?.cards[0]?.text).toBe(`Idea ${SCREEN_CARDS_PER_BOX + 2}`);
    expect(PUBLIC_CARDS_PER_BOX).toBeGreaterThan(SCREEN_CARDS_PER_BOX);
  });

  it('shows the boxes filling in on the screen before the reveal', () => {
    const view = canvas.screenView(handWorked(), ctx());
    expect(view.board[0]?.cards.map((c) => c.text)).toEqual(['Website', 'Phone call']);
    expect(view).toMatchObject({ entryCount: 4, contributors: 3 });
  });

  it('shows a participant only their own entries, marking those taken off the canvas', () => {
    const state = handWorked();
    expect(canvas.participantOwnView(state, BEN.id, ctx())).toEqual({
      entries: [
        { id: 'e2', box: 0, text: 'Web site', rating: 4, tags: [0], isHidden: false },
        { id: 'e4', box: 0, text: 'Rude reply', rating: 1, tags: [], isHidden: true },
      ],
    });
    expect(canvas.participantOwnView(state, '', ctx())).toEqual({ entries: [] });
  });

  it('names authors to the facilitator only when the canvas is named', () => {
    const view = canvas.facilitatorView(handWorked(), ctx());
    expect(view.boxes[0]?.cards.map((c) => c.author)).toEqual([ANA.name, CAI.name]);
    expect(view.boxes[0]?.hidden[0]?.author).toBe(BEN.name);
    for (const shared of [
      canvas.screenView(handWorked(), ctx({ isRevealed: true })),
      canvas.participantPublicView(handWorked(), ctx({ isRevealed: true })),
      canvas.summary(handWorked(), ctx()),
    ]) {
      const json = JSON.stringify(shared);
      for (const secret of secrets) expect(json).not.toContain(secret);
    }
  });

  it.each([false, true])(
    'never names or identifies an author in any view but their own when anonymous (revealed: %s)',
    (isRevealed) => {
      const named = handWorked();
      const state: CanvasState = { ...named, config: { ...named.config, isAnonymous: true } };
      const context = ctx({ isRevealed });
      const views = {
        facilitator: canvas.facilitatorView(state, context),
        participantPublic: canvas.participantPublicView(state, context),
        screen: canvas.screenView(state, context),
        summary: canvas.summary(state, context),
      };
      for (const [audience, view] of Object.entries(views)) {
        const json = JSON.stringify(view);
        for (const secret of secrets)
          expect(json, `${audience} leaks ${secret}`).not.toContain(secret);
      }
      expect(views.facilitator.boxes[0]?.cards[0]).toMatchObject({
        author: null,
        merged: [{ id: 'e2', text: 'Web site', author: null }],
      });
    },
  );
});

describe('canvas summary', () => {
  it('lists each box, bars the average rating of rated boxes and counts tags per box', () => {
    const summary = canvas.summary(handWorked(), ctx());
    expect(summary.headline).toBe('4 entries from 3 people in 3 boxes');
    expect(summary.blocks).toEqual([
      {
        type: 'list',
        title: 'Before they buy',
        items: [
          'Website (×2; impression 3/5; Not mine)',
          'Phone call (impression 5/5; Not mine; Urgent)',
        ],
      },
      { type: 'list', title: 'Buying', items: [] },
      { type: 'list', title: 'Ideas', items: ['Call back sooner'] },
      {
        type: 'bars',
        labels: ['Before they buy'],
        values: [3.67],
        unit: 'average impression (1 = Poor, 5 = Excellent)',
      },
      {
        type: 'table',
        columns: ['Box', 'Entries', 'Tagged “Not mine”', 'Tagged “Urgent”'],
        rows: [
          ['Before they buy', '3', '2', '1'],
          ['Buying', '0', '0', '0'],
          ['Ideas', '1', '0', '0'],
        ],
      },
    ]);
  });

  it('leaves out the bars and the tag table when nothing is rated or tagged', () => {
    const state = act(init({ tags: [] }), [[as(ANA.id), post(2, 'Idea')]]);
    expect(canvas.summary(state, ctx()).blocks.map((b) => b.type)).toEqual([
      'list',
      'list',
      'list',
    ]);
    expect(canvas.summary(state, ctx()).headline).toBe('1 entry from 1 person in 3 boxes');
  });

  it('uses the configured question for the action plan', () => {
    expect(canvas.actionPlanPrompt(config())).toBe('Which moment of truth will I improve first?');
  });
});

describe('canvas replay', () => {
  const ROUND = 'cv';
  const spec: RoundSpec = {
    id: ROUND,
    kind: 'canvas',
    title: 'Moments of truth',
    config: config(),
  };

  it('gives the same state when the session log is replayed', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const { ids, must } = live;
    const roundAct = (action: Action): SessionCommand => ({
      type: 'round.act',
      roundId: ROUND,
      action,
    });
    const by = (i: number, action: Action) =>
      must(roundAct(action), { role: 'participant', participantId: ids[i] ?? '' });
    const fac = (action: Action) => must(roundAct(action), SESSION_FACILITATOR);

    by(0, post(0, 'Website', 2));
    by(1, post(0, 'Web site', 4, [0]));
    by(2, post(1, 'Invoice', 1, [0, 1]));
    by(2, post(2, 'Call back'));
    fac({ type: 'merge', entryId: 'e2', intoId: 'e1' });
    by(0, { type: 'edit', entryId: 'e1', text: 'Our website', rating: 3, tags: [] });
    fac({ type: 'move', entryId: 'e4', box: 1 });
    fac({ type: 'hide', entryId: 'e3', isHidden: true });
    by(1, { type: 'remove', entryId: 'e2' });
    must({ type: 'round.lock' }, SESSION_FACILITATOR);
    expect(
      run(live.state, roundAct(post(2, 'Late')), {
        role: 'participant',
        participantId: ids[0] ?? '',
      }).result.ok,
    ).toBe(false);
    must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const roundState = replayed.rounds[ROUND]?.state as CanvasState;
    expect(roundState.entries.map((e) => [e.id, e.box, e.text, e.isHidden])).toEqual([
      ['e1', 0, 'Our website', false],
      ['e3', 1, 'Invoice', true],
      ['e4', 1, 'Call back', false],
    ]);
  });
});
