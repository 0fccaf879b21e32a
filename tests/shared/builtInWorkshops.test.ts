import { describe, expect, it } from 'vitest';
import { BUILT_IN_WORKSHOPS, createSessionBodySchema, parseRoundInput } from '@playfield/shared';
import { dotVotePresets } from '@playfield/shared/exercises/dotVote/presets';

describe('built-in workshops', () => {
  it('offers the three workshops of the seed proposals', () => {
    expect(BUILT_IN_WORKSHOPS.map((w) => w.title)).toEqual([
      'The Service Pro',
      'Total Customer Service',
      'Strategic customer service',
    ]);
  });

  it.each(BUILT_IN_WORKSHOPS.map((w) => [w.title, w] as const))(
    'has an agenda every round of which the server accepts (%s)',
    (_title, workshop) => {
      expect(
        createSessionBodySchema.safeParse({ title: workshop.title, agenda: workshop.agenda })
          .success,
      ).toBe(true);
      for (const round of workshop.agenda)
        expect(parseRoundInput(round)).toMatchObject({ ok: true });
      expect(workshop.agenda.at(-1)?.kind).toBe('actionPlan');
    },
  );

  it('covers the exercises WORKSHOPS.md lists for each day', () => {
    const kinds = Object.fromEntries(
      BUILT_IN_WORKSHOPS.map((w) => [w.id, w.agenda.map((r) => r.kind)]),
    );
    expect(kinds['service-pro']).toEqual(
      expect.arrayContaining([
        'dotVote',
        'redBead',
        'fineLine',
        'playingField',
        'brainstorm',
        'sort',
      ]),
    );
    expect(kinds['total-customer-service']).toEqual(
      expect.arrayContaining(['gapRating', 'canvas', 'dotVote', 'rolePlay']),
    );
    expect(kinds['strategic-customer-service']).toEqual(
      expect.arrayContaining(['sort', 'brainstorm', 'canvas']),
    );
  });

  it('gives each agenda its own copy of a preset, so editing a round changes no preset', () => {
    const round = BUILT_IN_WORKSHOPS[0]?.agenda.find((r) => r.kind === 'dotVote');
    expect(round?.config).toEqual(dotVotePresets.listeningSources.config);
    expect(round?.config).not.toBe(dotVotePresets.listeningSources.config);
  });
});
