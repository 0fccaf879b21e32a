/**
 * Text people type never keeps a bidi override or a control character: the exercises'
 * settings and actions clean it (cleanText), and a personal action plan, which is a Yjs
 * document and cannot be cleaned on its way in, refuses it with a readable message.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cleanText, EXERCISE_KINDS, getExercise } from '@playfield/shared';
import { addPlanAction, parsePlan, setPlanField } from '@playfield/shared/plans/plan';
import { FACILITATOR, liveSession, mustRun, participant, pollRound } from './sessionHarness.ts';

const RLO = '\u202E';
const BELL = '\u0007';
/** Characters no stored text may hold: bidi controls, and control characters. */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\p{Cc}]/u;

describe('cleanText', () => {
  it('removes bidi overrides and turns control characters into spaces', () => {
    expect(cleanText(40).parse(`Pay ${RLO}fdp.exe`)).toBe('Pay fdp.exe');
    expect(cleanText(40).parse(`Ring${BELL}ring`)).toBe('Ring ring');
  });

  it('names the field in its messages when told which field it is', () => {
    const prompt = cleanText(5, { what: 'The prompt' });
    expect(prompt.safeParse('').error?.issues[0]?.message).toBe('The prompt must not be empty');
    expect(prompt.safeParse('abcdef').error?.issues[0]?.message).toBe(
      'The prompt has at most 5 characters',
    );
    expect(prompt.safeParse(3).error?.issues[0]?.message).toBe('The prompt must be text');
  });

  it('takes blank text as empty when the field is optional', () => {
    const hint = cleanText(10, { isOptional: true });
    expect(hint.parse('  ')).toBe('');
    expect(hint.parse(`${RLO}\u200B`)).toBe('');
    expect(hint.parse(` a${BELL}b `)).toBe('a b');
  });
});

describe('poll question and options', () => {
  it('are cleaned when a round is added', () => {
    const { state } = liveSession(['Ana'], [pollRound('r1')]);
    const next = mustRun(
      state,
      {
        type: 'agenda.add',
        round: {
          kind: 'poll',
          title: 'Channels',
          config: {
            question: `Which ${RLO}channel${BELL}?`,
            options: [`Phone${RLO}`, `Chat${BELL}now`],
            isMultipleChoice: false,
            isAnonymous: false,
          },
        },
      },
      FACILITATOR,
    );
    const added = next.agenda.at(-1);
    expect(added?.kind).toBe('poll');
    if (added?.kind !== 'poll') return;
    expect(added.config.question).toBe('Which channel ?');
    expect(added.config.options).toEqual(['Phone', 'Chat now']);
  });
});

/** Every string in `value`, with its path. */
function strings(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)?.[key], value);
}

function setAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}

describe.each(EXERCISE_KINDS)('%s settings', (kind) => {
  const exercise = getExercise(kind);
  if (!exercise) throw new Error(kind);
  const config = exercise.defaultConfig();

  it('never keep a bidi override or a control character in any text', () => {
    let cleaned = 0;
    for (const path of strings(config)) {
      const original = at(config, path) as string;
      const typed = `${RLO}${original.slice(0, 2)}${BELL}${original.slice(2)}`;
      const parsed = exercise.parseConfig(setAt(config, path, typed));
      // Ids and choices from a list refuse such text; free text comes back clean.
      if (!parsed.ok) continue;
      const kept = at(parsed.data, path);
      expect(typeof kept).toBe('string');
      // Multi-line fields (a slide's Markdown) keep their line breaks, and only those.
      const lines = (kept as string).split('\n');
      expect(
        lines.some((line) => HIDDEN.test(line)),
        `${kind} ${path.join('.')}: ${String(kept)}`,
      ).toBe(false);
      cleaned++;
    }
    // Every exercise has some text in its settings (at least a seed): none went unchecked.
    expect(cleaned).toBeGreaterThan(0);
  });
});

describe('free text in actions', () => {
  const cases: { kind: string; role: 'participant' | 'facilitator'; action: unknown }[] = [
    { kind: 'brainstorm', role: 'participant', action: { type: 'addNote', text: '', tag: null } },
    {
      kind: 'canvas',
      role: 'participant',
      action: { type: 'post', box: 0, text: '', rating: null, tags: [] },
    },
    {
      kind: 'dotVote',
      role: 'participant',
      action: { type: 'vote', choices: [{ option: 0, dots: 1, example: '' }] },
    },
    { kind: 'rolePlay', role: 'participant', action: { type: 'comment', text: '' } },
    { kind: 'redBead', role: 'facilitator', action: { type: 'slogan', text: '' } },
    {
      kind: 'playingField',
      role: 'facilitator',
      action: { type: 'map.set', cardId: 'c1', zone: 'spot', guideline: '' },
    },
    {
      kind: 'brainstorm',
      role: 'facilitator',
      action: { type: 'createCluster', name: '' },
    },
  ];

  it.each(cases)('$kind $role $action.type is cleaned', ({ kind, role, action }) => {
    const exercise = getExercise(kind);
    if (!exercise) throw new Error(kind);
    const path = strings(action).find((p) => at(action, p) === '');
    if (!path) throw new Error('no text in the action');
    const parsed = exercise.parseAction(role, setAt(action, path, `A ${RLO}note${BELL}here`));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(at(parsed.data, path)).toBe('A note here');
  });

  it('cleans a brainstorm note all the way into the round', () => {
    const agenda = [
      {
        id: 'r1',
        kind: 'brainstorm',
        title: 'Ideas',
        config: getExercise('brainstorm')?.defaultConfig(),
      },
    ] as Parameters<typeof liveSession>[1];
    const { state, ids } = liveSession(['Ana'], agenda);
    const next = mustRun(
      state,
      {
        type: 'round.act',
        roundId: 'r1',
        action: { type: 'addNote', text: `Call ${RLO}back${BELL}sooner`, tag: null },
      },
      participant(ids[0] ?? ''),
    );
    expect(JSON.stringify(next.rounds)).toContain('Call back sooner');
    expect(HIDDEN.test(JSON.stringify(next.rounds))).toBe(false);
  });
});

describe('personal action plan', () => {
  function planWith(field: 'text' | 'why' | 'measure', value: string) {
    const doc = new Y.Doc();
    addPlanAction(doc, { id: 'a1', text: 'Call three customers' });
    setPlanField(doc, 'a1', field, value);
    return parsePlan(doc);
  }

  it('keeps newlines and tabs in a field', () => {
    expect(planWith('why', 'First line\n\tsecond line').success).toBe(true);
  });

  it.each([
    ['a bidi override', `Call ${RLO}sremotsuc`],
    ['a bell', `Call${BELL} customers`],
    ['a carriage return', 'Call\rcustomers'],
    ['an isolate', 'Call \u2066customers\u2069'],
  ])('refuses %s in a field, with a readable message', (_, value) => {
    for (const field of ['text', 'why', 'measure'] as const) {
      const parsed = planWith(field, value);
      expect(parsed.success, field).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(
        'Remove the hidden control or text-direction characters (pasted text can carry them)',
      );
      expect(parsed.error?.issues[0]?.path).toEqual(['actions', 0, field]);
    }
  });
});
