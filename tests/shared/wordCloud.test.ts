/**
 * The word cloud: normalisation and plural folding by table, profanity masked or held,
 * counting with the most common spelling, moderation and merges, refusals that change
 * nothing, anonymity in every view and the summary, and a replay of the log.
 */
import { describe, expect, it } from 'vitest';
import {
  replay,
  participantPublicView as sessionPublicView,
  type Actor,
  type RoundContext,
  type RoundSpec,
  type SessionCommand,
} from '@playfield/shared';
import {
  checkProfanity,
  cloudWords,
  foldPlural,
  normalizeWord,
  phraseTerm,
  sentenceTerms,
  wordCloud,
  wordCloudConfigSchema,
  wordCloudParticipantActionSchema,
  wordCloudFacilitatorActionSchema,
  type WordCloudConfig,
  type WordCloudFacilitatorAction,
  type WordCloudParticipantAction,
  type WordCloudState,
} from '@playfield/shared/exercises/wordCloud/index';
import { wordCloudPresets } from '@playfield/shared/exercises/wordCloud/presets';
import {
  FACILITATOR as SESSION_FACILITATOR,
  exerciseContext,
  participant,
  recordedSession,
} from './sessionHarness.ts';

type Action = WordCloudParticipantAction | WordCloudFacilitatorAction;

const ANA = { id: 'p-ana', name: 'Ana Lindqvist' };
const BEN = { id: 'p-ben', name: 'Benoît Okafor' };
const CAI = { id: 'p-cai', name: 'Cai Moreno' };
const PEOPLE = [ANA, BEN, CAI];
const FAC: Actor = { role: 'facilitator' };
const as = (id: string): Actor => ({ role: 'participant', participantId: id });
const ctx = (o: Partial<RoundContext> = {}) => exerciseContext(PEOPLE, { at: 1000, ...o });

function config(overrides: Partial<WordCloudConfig> = {}): WordCloudConfig {
  return { ...wordCloud.defaultConfig(), maxWords: 3, isAnonymous: false, ...overrides };
}

function run(state: WordCloudState, steps: [Actor, Action][], c = ctx()): WordCloudState {
  return steps.reduce((s, [actor, action]) => {
    const result = wordCloud.reduce(s, action, actor, c);
    if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${result.error.message}`);
    return result.data;
  }, state);
}

const submit = (text: string): Action => ({ type: 'submit', text });
const entryId = (state: WordCloudState, text: string) =>
  wordCloud.facilitatorView(state, ctx()).entries.find((e) => e.text === text)?.id ?? '';

describe('normalisation', () => {
  it.each([
    ['customers', 'customer'],
    ['policies', 'policy'],
    ['companies', 'company'],
    ['processes', 'process'],
    ['businesses', 'business'],
    ['boxes', 'box'],
    ['approaches', 'approach'],
    ['headaches', 'headache'],
    ['movies', 'movie'],
    ['calls', 'call'],
    ['queues', 'queue'],
    ['children', 'child'],
    ['business', 'business'],
    ['process', 'process'],
    ['glass', 'glass'],
    ['class', 'class'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['news', 'news'],
    ['sales', 'sales'],
    ['bus', 'bus'],
    ['its', 'its'],
    ['people', 'people'],
    ['cafés', 'cafés'],
  ])('folds %s to %s', (word, folded) => {
    expect(foldPlural(word)).toBe(folded);
  });

  it('ignores case, surrounding punctuation, possessives and composed forms', () => {
    expect(normalizeWord('“Customers!”')).toBe('customer');
    expect(normalizeWord("customer's")).toBe('customer');
    expect(normalizeWord('CAFE\u0301')).toBe(normalizeWord('café'));
    expect(normalizeWord('!!!')).toBe('');
    expect(phraseTerm('  Customer   Service! ')).toEqual({
      key: 'customer service',
      spelling: 'Customer Service',
    });
    expect(phraseTerm('?!')).toBeNull();
  });

  it('counts the content words of a sentence once each', () => {
    expect(
      sentenceTerms('The policies, the POLICY and our systems/processes').map((t) => t.key),
    ).toEqual(['policy', 'system', 'process']);
  });
});

describe('profanity', () => {
  it('masks swear words in several languages and leaves clean text alone', () => {
    expect(checkProfanity('this is shit!')).toEqual({ isProfane: true, masked: 'this is s***!' });
    expect(checkProfanity('merde').masked).toBe('m****');
    expect(checkProfanity('Scheiße').isProfane).toBe(true);
    expect(checkProfanity('kurwa').isProfane).toBe(true);
    for (const clean of ['Scunthorpe', 'class', 'assessment', 'cocktail', 'Dickens', 'passion'])
      expect(checkProfanity(clean)).toEqual({ isProfane: false, masked: clean });
  });

  it('shows a masked entry at once and counts it masked', () => {
    const state = run(wordCloud.init(config({ profanity: 'mask' }), 's'), [
      [as(ANA.id), submit('shit')],
    ]);
    expect(cloudWords(state)).toEqual([{ key: 's***', label: 's***', count: 1 }]);
    expect(wordCloud.participantOwnView(state, ANA.id, ctx()).entries[0]).toMatchObject({
      text: 'shit',
      shownAs: 's***',
      status: 'shown',
    });
  });

  it('holds an entry with a swear word until approved, then shows it as typed', () => {
    let state = run(wordCloud.init(config({ profanity: 'hold', isLive: true }), 's'), [
      [as(ANA.id), submit('shit')],
      [as(BEN.id), submit('slow')],
    ]);
    const screen = wordCloud.screenView(state, ctx());
    expect(screen.words.map((w) => w.label)).toEqual(['slow']);
    expect(JSON.stringify(wordCloud.participantPublicView(state, ctx()))).not.toContain('shit');
    expect(wordCloud.facilitatorView(state, ctx()).queue).toMatchObject([
      { text: 'shit', isProfane: true, status: 'pending' },
    ]);
    // "Approve all" leaves the held swear word for a deliberate look.
    expect(wordCloud.reduce(state, { type: 'approveAll' }, FAC, ctx()).ok).toBe(false);
    state = run(state, [[FAC, { type: 'approve', entryId: entryId(state, 'shit') }]]);
    expect(cloudWords(state).map((w) => w.label)).toEqual(['shit', 'slow']);
  });
});

describe('counting and moderation', () => {
  it('counts alike entries together under the most common spelling', () => {
    const state = run(wordCloud.init(config(), 's'), [
      [as(ANA.id), submit('Customers')],
      [as(BEN.id), submit('customer')],
      [as(CAI.id), submit('customer!')],
      [as(ANA.id), submit('Policies')],
    ]);
    expect(cloudWords(state)).toEqual([
      { key: 'customer', label: 'customer', count: 3 },
      { key: 'policy', label: 'Policies', count: 1 },
    ]);
    expect(wordCloud.submittedCount(state)).toBe(3);
  });

  it('refuses what breaks the rules and changes nothing', () => {
    const state = run(wordCloud.init(config({ entriesPerPerson: 1, maxWords: 2 }), 's'), [
      [as(ANA.id), submit('slow')],
    ]);
    const refused = (actor: Actor, action: Action, c = ctx()) => {
      const result = wordCloud.reduce(state, action, actor, c);
      if (result.ok) throw new Error('accepted');
      return result.error.code;
    };
    expect(refused(as(ANA.id), submit('fast'))).toBe('CONFLICT');
    expect(refused(as(BEN.id), submit('one two three'))).toBe('INVALID_ACTION');
    expect(refused(as(BEN.id), submit('fast'), ctx({ isOpen: false }))).toBe('ROUND_LOCKED');
    expect(refused(as(BEN.id), { type: 'withdraw', entryId: entryId(state, 'slow') })).toBe(
      'FORBIDDEN',
    );
    expect(refused(as(BEN.id), { type: 'hide', entryId: entryId(state, 'slow') })).toBe(
      'FORBIDDEN',
    );
    expect(refused(FAC, submit('x'))).toBe('FORBIDDEN');
    expect(refused(FAC, { type: 'approve', entryId: 'w___proto__' })).toBe('NOT_FOUND');
    expect(refused(FAC, { type: 'merge', from: 'slow', into: 'toString' })).toBe('NOT_FOUND');
  });

  it('parses payloads with readable messages and refuses reserved ids', () => {
    expect(wordCloudParticipantActionSchema.safeParse({ type: 'submit', text: '' }).success).toBe(
      false,
    );
    expect(
      wordCloudParticipantActionSchema.safeParse({ type: 'withdraw', entryId: '__proto__' })
        .success,
    ).toBe(false);
    expect(
      wordCloudFacilitatorActionSchema.safeParse({ type: 'merge', from: '__proto__', into: 'a' })
        .success,
    ).toBe(false);
    const bad = wordCloudConfigSchema.safeParse({ ...config(), entriesPerPerson: 11 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('The entries per person can be at most 10');
    for (const preset of Object.values(wordCloudPresets))
      expect(wordCloudConfigSchema.parse(preset.config)).toEqual(preset.config);
  });

  it('queues, approves, hides and restores, keeping the counts in step', () => {
    let state = run(wordCloud.init(config({ isModerated: true }), 's'), [
      [as(ANA.id), submit('slow')],
      [as(BEN.id), submit('friendly')],
      [as(CAI.id), submit('friendly')],
    ]);
    expect(cloudWords(state)).toEqual([]);
    state = run(state, [[FAC, { type: 'approveAll' }]]);
    expect(cloudWords(state).map((w) => [w.label, w.count])).toEqual([
      ['friendly', 2],
      ['slow', 1],
    ]);
    state = run(state, [[FAC, { type: 'hide', entryId: entryId(state, 'slow') }]]);
    expect(cloudWords(state).map((w) => w.label)).toEqual(['friendly']);
    state = run(state, [[FAC, { type: 'restore', entryId: entryId(state, 'slow') }]]);
    expect(wordCloud.facilitatorView(state, ctx()).counts).toMatchObject({
      entries: 3,
      shown: 3,
      pending: 0,
      hidden: 0,
    });
    // Withdrawing takes the entry out of the count.
    state = run(state, [[as(ANA.id), { type: 'withdraw', entryId: entryId(state, 'slow') }]]);
    expect(cloudWords(state).map((w) => w.label)).toEqual(['friendly']);
    expect(wordCloud.submittedCount(state)).toBe(2);
  });

  it('merges two words into one and undoes the merge', () => {
    let state = run(wordCloud.init(config(), 's'), [
      [as(ANA.id), submit('CS')],
      [as(BEN.id), submit('customer service')],
      [as(CAI.id), submit('Customer service')],
    ]);
    state = run(state, [[FAC, { type: 'merge', from: 'cs', into: 'customer service' }]]);
    expect(cloudWords(state)).toEqual([
      { key: 'customer service', label: 'Customer service', count: 3 },
    ]);
    expect(
      wordCloud.reduce(state, { type: 'merge', from: 'cs', into: 'customer service' }, FAC, ctx())
        .ok,
    ).toBe(false);
    state = run(state, [[FAC, { type: 'unmerge', key: 'cs' }]]);
    expect(cloudWords(state).map((w) => w.count)).toEqual([2, 1]);
  });
});

describe('cost of an action', () => {
  it('copies one shard of the entries per action and shares the rest of the room', () => {
    let state = wordCloud.init(config({ entriesPerPerson: 10, maxWords: 1 }), 'load');
    for (let p = 0; p < 40; p++) {
      for (let e = 0; e < 5; e++) {
        const result = wordCloud.reduce(state, submit(`word${p}x${e}`), as(`p${p}`), ctx());
        if (!result.ok) throw new Error(result.error.message);
        state = result.data;
      }
    }
    expect(wordCloud.facilitatorView(state, ctx()).counts.entries).toBe(200);
    const next = run(state, [[as('p0'), submit('another')]]);
    const changed = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      Object.keys(b).filter((k) => a[k] !== b[k]).length;
    expect(changed(state.entries, next.entries)).toBe(1);
    expect(changed(state.byAuthor, next.byAuthor)).toBe(1);
    expect(changed(state.terms, next.terms)).toBe(1);
    expect(Object.keys(next.entries).length).toBeGreaterThan(20);
  });
});

describe('views and summary', () => {
  const steps: [Actor, Action][] = [
    [as(ANA.id), submit('Rude callers')],
    [as(BEN.id), submit('waiting')],
    [as(CAI.id), submit('fuck')],
  ];

  it('shows nothing to the room before the reveal unless live', () => {
    const state = run(wordCloud.init(config(), 's'), steps);
    expect(wordCloud.screenView(state, ctx())).toMatchObject({ isShown: false, words: [] });
    expect(wordCloud.participantPublicView(state, ctx()).results).toBeNull();
    expect(wordCloud.screenView(state, ctx({ isRevealed: true })).words).toHaveLength(3);
    const live = run(wordCloud.init(config({ isLive: true }), 's'), steps);
    expect(wordCloud.screenView(live, ctx()).isShown).toBe(true);
  });

  it('names nobody anywhere in an anonymous round', () => {
    const state = run(wordCloud.init(config({ isAnonymous: true, profanity: 'hold' }), 's'), steps);
    const revealed = ctx({ isRevealed: true });
    const everything = JSON.stringify([
      wordCloud.facilitatorView(state, revealed),
      wordCloud.participantPublicView(state, revealed),
      wordCloud.screenView(state, revealed),
      wordCloud.summary(state, revealed),
    ]);
    for (const person of PEOPLE) {
      expect(everything).not.toContain(person.name);
      expect(everything).not.toContain(person.id);
    }
    expect(everything).not.toContain('"author"');
  });

  it('keeps the public view identical for every phone and each own view to its owner', () => {
    const state = run(wordCloud.init(config({ profanity: 'hold' }), 's'), steps);
    const phone = JSON.stringify(wordCloud.participantPublicView(state, ctx({ isRevealed: true })));
    expect(phone).not.toContain('fuck');
    expect(wordCloud.participantOwnView(state, BEN.id, ctx()).entries.map((e) => e.text)).toEqual([
      'waiting',
    ]);
  });

  it('summarises top words as bars and shown entries as a table, authors only when named', () => {
    const state = run(wordCloud.init(config({ profanity: 'hold' }), 's'), steps);
    const summary = wordCloud.summary(state, ctx());
    expect(summary.headline).toContain('2 entries from 2 people');
    expect(summary.blocks).toEqual([
      { type: 'bars', labels: ['Rude callers', 'waiting'], values: [1, 1], unit: 'entries' },
      { type: 'text', text: '1 entry was not shown to the room and is left out.' },
      {
        type: 'table',
        columns: ['Entry', 'Counted as', 'Author'],
        rows: [
          ['Rude callers', 'Rude callers', ANA.name],
          ['waiting', 'waiting', BEN.name],
        ],
      },
    ]);
    expect(wordCloud.actionPlanPrompt(config())).toContain('first step');
  });
});

describe('word cloud replay', () => {
  const ROUND = 'wc';
  const spec: RoundSpec = { id: ROUND, kind: 'wordCloud', title: 'Feel', config: config() };
  const act = (action: Action): SessionCommand => ({ type: 'round.act', roundId: ROUND, action });

  it('rebuilds the same entries, ids, counts and views from the log', () => {
    const live = recordedSession([spec], ['Ana', 'Ben', 'Cai']);
    const [ana = '', ben = '', cai = ''] = live.ids;
    live.must(act(submit('CS')), participant(ana));
    live.must(act(submit('customer service')), participant(ben));
    live.must(act(submit('shit happens')), participant(cai));
    live.must(act(submit('customers')), participant(ana));
    const roundState = () => live.state.rounds[ROUND]?.state as WordCloudState;
    live.must(act({ type: 'merge', from: 'cs', into: 'customer service' }), SESSION_FACILITATOR);
    live.must(
      act({ type: 'withdraw', entryId: entryId(roundState(), 'customers') }),
      participant(ana),
    );
    live.must({ type: 'round.reveal' }, SESSION_FACILITATOR);

    expect(cloudWords(roundState()).map((w) => [w.label, w.count])).toEqual([
      ['customer service', 2],
      ['s*** happens', 1],
    ]);
    const replayed = replay(live.log);
    expect(replayed).toEqual(live.state);
    const half = Math.floor(live.log.length / 2);
    expect(replay(live.log.slice(half), replay(live.log.slice(0, half)))).toEqual(live.state);
    expect(sessionPublicView(replayed, 0)).toEqual(sessionPublicView(live.state, 0));
  });
});
