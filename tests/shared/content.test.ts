/**
 * Content rounds: the config schema (every layout, defaults, bounds with readable
 * messages, reserved ids), the slide parsed once into views that are the same objects for
 * everyone, phones told to look at the screen get the heading only, nobody can act, the
 * summary is the slide's words, and a session through content rounds replays exactly.
 */
import { describe, expect, it } from 'vitest';
import { getExercise, replay, type RoundSpec } from '@playfield/shared';
import {
  CONTENT_DEFAULTS,
  CONTENT_LAYOUTS,
  content,
  contentConfigSchema,
  contentSlide,
  type ContentConfig,
} from '@playfield/shared/exercises/content/index';
import {
  exerciseContext,
  FACILITATOR,
  participant,
  recordedSession,
  refusal,
} from './sessionHarness.ts';

const IMAGE = 'Zk3_pQ8vW2-xY7mN4bR6tL1cD9fG5hJ0aS2eU8iO3kP';
const ctx = exerciseContext([{ id: 'p1', name: 'Ana' }]);

/** A realistic slide of each layout. */
const SLIDES: Record<(typeof CONTENT_LAYOUTS)[number], ContentConfig> = {
  title: contentSlide({ layout: 'title', heading: 'The Service Pro', body: 'A day on *service*' }),
  bullets: contentSlide({
    layout: 'bullets',
    heading: 'The enemies of business success',
    body: '- Complacency\n- **Arrogance**\n- Not listening',
  }),
  quote: contentSlide({
    layout: 'quote',
    body: 'Every contact is a moment of truth.',
    attribution: 'Jan Carlzon',
  }),
  bigNumber: contentSlide({ layout: 'bigNumber', bigNumber: '1 in 26', caption: 'complain' }),
  image: contentSlide({ layout: 'image', imageId: IMAGE, imageAlt: 'A gate', caption: 'Gate' }),
  twoColumns: contentSlide({
    layout: 'twoColumns',
    heading: 'From need-to-know to right-to-know',
    left: '**Need to know**\n\n- Rules',
    right: '**Right to know**\n\n- Reasons',
  }),
  break: contentSlide({ layout: 'break', heading: 'Lunch', backAt: '13:30' }),
};

describe('content config', () => {
  it('accepts a realistic slide of every layout, as stored', () => {
    for (const layout of CONTENT_LAYOUTS) {
      expect(contentConfigSchema.parse(SLIDES[layout])).toEqual(SLIDES[layout]);
      expect(getExercise('content')?.parseConfig(SLIDES[layout]).ok).toBe(true);
    }
    expect(content.configSchema.parse(content.defaultConfig())).toEqual(content.defaultConfig());
  });

  it('fills every field left out with its default', () => {
    expect(contentConfigSchema.parse({ layout: 'bullets', heading: 'Hi' })).toEqual({
      ...CONTENT_DEFAULTS,
      layout: 'bullets',
      heading: 'Hi',
    });
  });

  it('refuses what a layout needs but lacks, and out-of-bounds fields, readably', () => {
    const message = (config: unknown) =>
      getExercise('content')?.parseConfig(config).ok === false
        ? (getExercise('content')?.parseConfig(config) as { error: { message: string } }).error
            .message
        : null;
    expect(message({ layout: 'title' })).toMatch(/A title slide needs a heading/);
    expect(message({ layout: 'quote' })).toMatch(/Write the quotation/);
    expect(message({ layout: 'bigNumber' })).toMatch(/Write the big number/);
    expect(message({ layout: 'image' })).toMatch(/Upload an image/);
    expect(message({ layout: 'image', imageId: IMAGE })).toMatch(/Describe the image/);
    expect(message({ layout: 'twoColumns' })).toMatch(/Write at least one column/);
    expect(message({ layout: 'slideshow' })).toMatch(/The layout is one of/);
    expect(message({ layout: 'bullets', body: 'x'.repeat(4001) })).toMatch(
      /The text has at most 4000 characters/,
    );
    expect(message({ layout: 'bullets', heading: 'h'.repeat(161) })).toMatch(/at most 160/);
    expect(message({ layout: 'break', backAt: '9:30' })).toMatch(/HH:MM/);
    expect(message({ layout: 'title', heading: 'x', phoneMode: 'vibrate' })).toMatch(/phones/i);
    for (const id of ['__proto__', 'constructor', 'short', `${IMAGE}/../x`])
      expect(message({ layout: 'image', imageId: id, imageAlt: 'x' })).toMatch(/Unknown image/);
  });
});

describe('content views', () => {
  it('parses the slide once: every view hands out the same objects', () => {
    const state = content.init(SLIDES.bullets, 'seed');
    const screen = content.screenView(state, ctx);
    expect(screen.body.blocks[0]).toMatchObject({ t: 'ul' });
    expect(content.screenView(state, ctx)).toBe(screen);
    expect(content.facilitatorView(state, ctx).slide).toBe(screen);
    const phone = content.participantPublicView(state, ctx);
    expect(phone).toEqual({ phoneMode: 'compact', slide: screen });
    expect(content.participantOwnView(state, 'p1', ctx)).toBeNull();
  });

  it('tells phones to look at the screen with the heading alone', () => {
    const state = content.init(
      { ...SLIDES.quote, heading: 'Carlzon', phoneMode: 'lookAtScreen' },
      's',
    );
    expect(content.participantPublicView(state, ctx)).toEqual({
      phoneMode: 'lookAtScreen',
      heading: 'Carlzon',
      layout: 'quote',
    });
  });

  it('carries the image with its description, and the break time', () => {
    expect(content.screenView(content.init(SLIDES.image, 's'), ctx).image).toEqual({
      id: IMAGE,
      alt: 'A gate',
    });
    expect(content.screenView(content.init(SLIDES.break, 's'), ctx)).toMatchObject({
      layout: 'break',
      heading: 'Lunch',
      backAt: '13:30',
    });
  });

  it('sums a slide up as its words, and offers no controls or answers', () => {
    const summary = (layout: keyof typeof SLIDES) =>
      content.summary(content.init(SLIDES[layout], 's'), ctx);
    expect(summary('quote')).toEqual({
      headline: 'Quote',
      blocks: [{ type: 'text', text: 'Every contact is a moment of truth.\n\n— Jan Carlzon' }],
    });
    expect(summary('bullets').blocks).toEqual([
      { type: 'text', text: '• Complacency\n• Arrogance\n• Not listening' },
    ]);
    expect(summary('break').headline).toBe('Lunch');
    expect(summary('image').blocks[0]).toEqual({ type: 'text', text: '[Image: A gate] Gate' });
    expect(content.roundControls).toEqual([]);
    expect(content.submittedCount(content.init(SLIDES.title, 's'))).toBe(0);
  });
});

describe('content rounds in a session', () => {
  const agenda: RoundSpec[] = [
    { id: 'c1', kind: 'content', title: 'Welcome', config: SLIDES.title },
    { id: 'c2', kind: 'content', title: 'Carlzon', config: SLIDES.quote },
    { id: 'c3', kind: 'content', title: 'Lunch', config: SLIDES.break },
  ];

  it('refuses every action from anyone, leaving the state as it was', () => {
    const live = recordedSession(agenda, ['Ana']);
    const [ana = ''] = live.ids;
    for (const action of [{ type: 'answer', choices: [0] }, {}, { type: 'page', page: 1 }]) {
      const command = { type: 'round.act' as const, roundId: 'c1', action };
      expect(refusal(live.state, command, participant(ana)).code).toBe('BAD_REQUEST');
      expect(refusal(live.state, command, FACILITATOR).code).toBe('BAD_REQUEST');
    }
  });

  it('replays a day of slides exactly', () => {
    const live = recordedSession(agenda, ['Ana', 'Ben']);
    live.must({ type: 'round.next' }, FACILITATOR);
    live.must({ type: 'timer.start', seconds: 600 }, FACILITATOR);
    live.must({ type: 'round.next' }, FACILITATOR);
    live.must({ type: 'round.back' }, FACILITATOR);
    expect(replay(live.log)).toEqual(live.state);
    expect(live.state.currentRoundId).toBe('c2');
  });
});
