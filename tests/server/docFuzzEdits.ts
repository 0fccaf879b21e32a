/**
 * What the document fuzz sends: honest edits of notebooks and plans as people make them in
 * the editor, and hostile updates and awareness built to be truncated, mutated or crafted.
 * Every choice is drawn from the run's seeded `Random`, so a seed replays the same messages.
 */
import * as Y from 'yjs';
import { type Random } from '@playfield/shared';
import {
  addNotebookBlock,
  deleteNotebookBlock,
  notebookBlockMap,
  readBlockFields,
  setFollowUp,
} from '@playfield/shared/notebooks/notebook';
import {
  addPlanAction,
  deletePlanAction,
  movePlanAction,
  parsePlan,
  PLAN_ACTION_FIELDS,
  setPlanField,
  setPlanFlag,
} from '@playfield/shared/plans/plan';
import {
  awarenessUpdate,
  copyOf,
  deepJson,
  editOf,
  HUGE_VARINT,
  mutate,
  nestMaps,
  oddName,
  pick,
  poisonedRoundBlock,
  truncate,
} from './docFuzzKit.ts';

export type Kind = 'notebook' | 'plan';

/** A crafted message: its bytes, a label, and whether the design requires a refusal. */
export interface Crafted {
  update: Uint8Array;
  what: string;
  mustRefuse: boolean;
}

/** The base of crafted edits that reference nothing in the document. */
export const EMPTY = new Y.Doc();

const VALID_DATES = ['', '2027-01-15', '2028-02-29', '2030-12-31'];
const SNIPPETS = ['ab', 'ç', ' ', '🙂', 'x', 'Call back within a day', '\n'];

/** One honest edit of a notebook: what people do in the editor. */
export function honestNotebookEdit(random: Random, doc: Y.Doc, tag: string): string {
  // The blocks' fields without parsing every round summary: editing must stay cheap.
  const blocks = doc
    .getArray<unknown>('blocks')
    .toArray()
    .map(readBlockFields)
    .filter((b) => b !== null);
  const roll = random.next();
  if (roll < 0.15 || blocks.length === 0) {
    const type = pick(random, ['note', 'decision', 'followUp'] as const);
    addNotebookBlock(
      doc,
      { id: `b-${tag}`, type, text: pick(random, SNIPPETS) },
      1,
      blocks.length > 0 && random.next() < 0.5 ? pick(random, blocks).id : null,
    );
    return `add ${type}`;
  }
  const block = pick(random, blocks);
  if (roll < 0.2 && block.type !== 'round') {
    deleteNotebookBlock(doc, block.id);
    return 'delete block';
  }
  if (roll < 0.3 && block.type === 'followUp') {
    setFollowUp(doc, block.id, {
      isDone: random.next() < 0.5,
      owner: pick(random, ['Ana', 'Ben']),
    });
    return 'tick follow-up';
  }
  const text = notebookBlockMap(doc, block.id)?.get('text');
  if (!(text instanceof Y.Text)) return 'nothing';
  if (roll < 0.8 || text.length === 0) {
    text.insert(random.int(text.length + 1), pick(random, SNIPPETS));
    return 'type';
  }
  const at = random.int(text.length);
  text.delete(at, Math.min(1 + random.int(4), text.length - at));
  return 'erase';
}

/** One honest edit of a plan, always within the plan's schema. */
export function honestPlanEdit(random: Random, doc: Y.Doc, tag: string): string {
  const actions = parsePlan(doc).data?.actions ?? [];
  const roll = random.next();
  if ((roll < 0.2 && actions.length < 20) || actions.length === 0) {
    addPlanAction(doc, { id: `a${tag}`, text: pick(random, SNIPPETS) });
    return 'add action';
  }
  const action = pick(random, actions);
  if (roll < 0.25) {
    deletePlanAction(doc, action.id);
    return 'delete action';
  }
  if (roll < 0.35) {
    movePlanAction(doc, action.id, random.int(actions.length));
    return 'move action';
  }
  if (roll < 0.4) {
    setPlanFlag(doc, 'isFinished', random.next() < 0.5);
    return 'flag';
  }
  const field = pick(random, PLAN_ACTION_FIELDS);
  setPlanField(
    doc,
    action.id,
    field,
    field === 'due' ? pick(random, VALID_DATES) : pick(random, SNIPPETS),
  );
  return `set ${field}`;
}

/** A valid edit a client could make now, to cut or mutate. */
function validEdit(random: Random, kind: Kind, base: Y.Doc, tag: string): Uint8Array {
  return editOf(base, (doc) =>
    kind === 'notebook' ? honestNotebookEdit(random, doc, tag) : honestPlanEdit(random, doc, tag),
  );
}

/**
 * A hostile update for `kind`, built on `base` (the attacker knows the document). Returns
 * the bytes, a label, and whether the design requires the server to refuse it.
 */
export function hostileUpdate(
  random: Random,
  kind: Kind,
  base: Y.Doc,
  knownClients: number[],
  tag: string,
): Crafted {
  const gens: [number, () => Crafted][] = [
    [2, () => ({ update: new Uint8Array([0]), what: '[0x00]', mustRefuse: true })],
    [1, () => ({ update: new Uint8Array(0), what: 'empty', mustRefuse: true })],
    [1, () => ({ update: new Uint8Array([0, 0]), what: 'no-op update', mustRefuse: false })],
    [
      1,
      () => ({
        update: new Uint8Array([...HUGE_VARINT, ...HUGE_VARINT]),
        what: 'huge varints',
        mustRefuse: true,
      }),
    ],
    [
      1,
      () => ({
        update: new Uint8Array([1, ...HUGE_VARINT, 0, 0, 0]),
        what: 'huge struct count',
        mustRefuse: true,
      }),
    ],
    [
      8,
      () => {
        const full = validEdit(random, kind, base, tag);
        // Cutting only the last byte is the classic "lost the end of a frame" case.
        const cut = random.next() < 0.3 ? full.slice(0, -1) : truncate(random, full);
        return {
          update: cut,
          what: `truncated ${cut.byteLength}/${full.byteLength}`,
          mustRefuse: false,
        };
      },
    ],
    [
      10,
      () => ({
        update: mutate(random, validEdit(random, kind, base, tag)),
        what: 'mutated',
        mustRefuse: false,
      }),
    ],
    [
      2,
      () => {
        // An edit whose first half never reached the server: it builds on a missing clock.
        const copy = copyOf(base);
        const write = (value: string) =>
          kind === 'notebook'
            ? copy.getMap('meta').set('title', value)
            : copy.getMap('plan').set('isFinished', value === 'on top');
        write('skipped');
        const after = Y.encodeStateVector(copy);
        write('on top');
        const update = Y.encodeStateAsUpdate(copy, after);
        copy.destroy();
        return { update, what: 'missing clock', mustRefuse: true };
      },
    ],
    [
      2,
      () => {
        // An insert whose left neighbour belongs to a client the server never heard of.
        const stranger = new Y.Doc();
        stranger.getText('scratch').insert(0, 'hello');
        const attacker = new Y.Doc();
        Y.applyUpdate(attacker, Y.encodeStateAsUpdate(base));
        Y.applyUpdate(attacker, Y.encodeStateAsUpdate(stranger));
        const before = Y.encodeStateVector(attacker);
        attacker.getText('scratch').insert(3, 'XYZ');
        const update = Y.encodeStateAsUpdate(attacker, before);
        return { update, what: 'unknown origin client', mustRefuse: true };
      },
    ],
    [
      1,
      () => ({
        // Reuses an honest client's id from clock 0: content that collides with stored items.
        update: (() => {
          const impostor = new Y.Doc();
          if (knownClients.length > 0) impostor.clientID = pick(random, knownClients);
          impostor.getMap('collide').set('x', 'y');
          return Y.encodeStateAsUpdate(impostor);
        })(),
        what: 'reused client id',
        mustRefuse: false,
      }),
    ],
    [
      2,
      () => ({
        update: editOf(base, (doc) => {
          doc.getMap(`extra-${tag}`).set('x', 'y'.repeat(random.int(2_000)));
          doc.getText(`t-${tag}`).insert(0, 'stray');
          doc.getArray(kind === 'notebook' ? 'blocks' : 'stray').push(['not a map', 42]);
        }),
        what: 'extra root types',
        mustRefuse: false,
      }),
    ],
    [
      2,
      () => ({
        update: editOf(base, (doc) => {
          const holder = new Y.Map<unknown>();
          holder.set('id', `deep-${tag}`);
          holder.set('type', 'note');
          holder.set('text', nestMaps(20 + random.int(80)));
          holder.set('summary', deepJson(2_000));
          doc.getArray(kind === 'notebook' ? 'blocks' : 'deep').push([holder]);
        }),
        what: 'deep nesting',
        mustRefuse: false,
      }),
    ],
  ];
  if (kind === 'notebook') {
    gens.push([
      3,
      () => ({
        update: editOf(base, (doc) => poisonedRoundBlock(doc, `poison-${tag}`)),
        what: 'round summary: controlChart without markers',
        mustRefuse: true,
      }),
    ]);
  } else {
    gens.push(
      [
        2,
        () => ({
          update: editOf(base, (doc) => {
            const id =
              parsePlan(doc).data?.actions[0]?.id ??
              addPlanAction(doc, { id: `h${tag}`, text: 'x' });
            setPlanField(doc, id, 'due', pick(random, ['2027-02-30', 'tomorrow', '1999-01-01']));
          }),
          what: 'invalid due date',
          mustRefuse: true,
        }),
      ],
      [
        1,
        () => ({
          update: editOf(base, (doc) => {
            for (let i = 0; i < 31; i++) addPlanAction(doc, { id: `m${tag}x${i}`, text: 'more' });
          }),
          what: 'too many actions',
          mustRefuse: true,
        }),
      ],
      [
        1,
        () => ({
          update: editOf(base, (doc) => doc.getMap('actions').set(`bad${tag}`, 'not a map')),
          what: 'action that is not a map',
          mustRefuse: true,
        }),
      ],
    );
  }
  const total = gens.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [weight, gen] of gens) {
    roll -= weight;
    if (roll < 0) return gen();
  }
  return { update: new Uint8Array([0]), what: '[0x00]', mustRefuse: true };
}

/**
 * A hostile or odd awareness update; `own` is a client id this socket may speak for,
 * `others` ids other sockets announced (which it must not speak for when they belong to
 * other people: `othersAreStrangers`).
 */
export function awarenessFor(
  random: Random,
  own: number,
  others: number[],
  othersAreStrangers: boolean,
): Crafted {
  const state = (name: string) =>
    JSON.stringify({ user: { name, color: '#336699' }, cursor: null });
  const valid = () =>
    awarenessUpdate([{ clientID: own, clock: 1 + random.int(1_000), json: state('Ana') }]);
  const roll = random.int(9);
  switch (roll) {
    case 0:
      return { update: valid(), what: 'awareness: valid', mustRefuse: false };
    case 1:
      return { update: truncate(random, valid()), what: 'awareness: truncated', mustRefuse: false };
    case 2:
      return { update: mutate(random, valid()), what: 'awareness: mutated', mustRefuse: false };
    case 3:
      return {
        update: awarenessUpdate([
          {
            clientID: others.length > 0 ? pick(random, others) : own + 1,
            clock: 1_000_000,
            json: state('Impostor'),
          },
        ]),
        what: "awareness: another client's id",
        mustRefuse: others.length > 0 && othersAreStrangers,
      };
    case 4:
      return {
        update: awarenessUpdate([
          { clientID: own, clock: 2_000 + random.int(1_000), json: state(oddName(random)) },
        ]),
        what: 'awareness: odd name',
        mustRefuse: false,
      };
    case 5:
      return {
        update: awarenessUpdate([{ clientID: own, clock: 3_000, json: '{"user":' }]),
        what: 'awareness: broken JSON',
        mustRefuse: true,
      };
    case 6:
      return {
        update: new Uint8Array([...HUGE_VARINT, 1, 2, 3]),
        what: 'awareness: huge varint',
        mustRefuse: true,
      };
    case 7:
      return {
        update: awarenessUpdate(
          Array.from({ length: 40 }, (_, i) => ({
            clientID: own + 1 + i,
            clock: 1,
            json: state(`bot ${i}`),
          })),
        ),
        what: 'awareness: many client ids',
        mustRefuse: false,
      };
    default:
      return {
        update: awarenessUpdate([{ clientID: own, clock: 4_000, json: deepJson(1_500) }]),
        what: 'awareness: deep JSON',
        mustRefuse: false,
      };
  }
}
