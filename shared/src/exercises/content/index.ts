import { z } from 'zod';
import { parseMarkdown } from '../../markdown/parse.ts';
import { docText, type MdDoc } from '../../markdown/tree.ts';
import { fail } from '../../result.ts';
import type { ExerciseDefinition } from '../types.ts';
import {
  contentConfigSchema,
  contentSlide,
  type ContentConfig,
  type ContentLayout,
  type PhoneMode,
} from './schema.ts';

export * from './schema.ts';

/** A slide as views carry it: the config's text fields, its Markdown already parsed. */
export interface ContentSlide {
  layout: ContentLayout;
  heading: string;
  body: MdDoc;
  attribution: string;
  bigNumber: string;
  caption: string;
  /** The uploaded image, or null: `/api/images/<id>` (and `?size=phone` for phones). */
  image: { id: string; alt: string } | null;
  left: MdDoc;
  right: MdDoc;
  /** "HH:MM" or '' ('break'). */
  backAt: string;
}

/**
 * The round's state: its config and the slide parsed once, at the start. Nothing changes
 * during the round, so every view hands out the same objects (no work per view).
 */
export interface ContentState {
  config: ContentConfig;
  slide: ContentSlide;
}

/** The console sees the slide and what the phones are shown. */
export interface ContentFacilitatorView {
  slide: ContentSlide;
  phoneMode: PhoneMode;
}

/** Phones: the slide, or only its heading when they are told to look at the screen. */
export type ContentParticipantView =
  | { phoneMode: 'compact'; slide: ContentSlide }
  | { phoneMode: 'lookAtScreen'; heading: string; layout: ContentLayout };

export interface ContentViews {
  facilitator: ContentFacilitatorView;
  participantPublic: ContentParticipantView;
  participantOwn: null;
  screen: ContentSlide;
}

/** No one acts in a content round: every action is refused by its form. */
const noAction = z.never({ error: 'Nothing to send in a content round' });

/** The parsed slide of a config. */
export function contentSlideView(config: ContentConfig): ContentSlide {
  return {
    layout: config.layout,
    heading: config.heading,
    body: parseMarkdown(config.body),
    attribution: config.attribution,
    bigNumber: config.bigNumber,
    caption: config.caption,
    image: config.imageId ? { id: config.imageId, alt: config.imageAlt } : null,
    left: parseMarkdown(config.left),
    right: parseMarkdown(config.right),
    backAt: config.backAt,
  };
}

/** A slide's words as plain text, for the summary and the notebook. */
function slideText(slide: ContentSlide): string {
  const parts = [
    slide.bigNumber && `${slide.bigNumber}${slide.caption ? ` — ${slide.caption}` : ''}`,
    docText(slide.body),
    slide.attribution && `— ${slide.attribution}`,
    docText(slide.left),
    docText(slide.right),
    slide.image &&
      `[Image: ${slide.image.alt}]${slide.layout === 'image' && slide.caption ? ` ${slide.caption}` : ''}`,
    slide.layout === 'break' && slide.backAt && `Back at ${slide.backAt}`,
  ];
  return parts.filter(Boolean).join('\n\n');
}

const LAYOUT_NAMES: Record<ContentLayout, string> = {
  title: 'Title',
  bullets: 'Bullets',
  quote: 'Quote',
  bigNumber: 'Big number',
  image: 'Image',
  twoColumns: 'Two columns',
  break: 'Break',
};

/** The name of a layout, for editors and lists. */
export function layoutName(layout: ContentLayout): string {
  return LAYOUT_NAMES[layout];
}

/** A slide between exercises: the talk, a quote, a figure, an image, a break. */
export const content: ExerciseDefinition<ContentConfig, ContentState, never, never, ContentViews> =
  {
    kind: 'content',
    label: 'Content slide',
    description:
      'A slide for the talk between exercises: title, bullets, a quote, a big number, an image or two columns, or a break with its countdown.',
    configSchema: contentConfigSchema,
    defaultConfig: () =>
      contentSlide({
        layout: 'bullets',
        heading: 'Why customers leave',
        body: '- They feel nobody cares\n- They were **promised** more than they got\n- Nobody listened when they complained',
      }),
    participantActionSchema: noAction,
    facilitatorActionSchema: noAction,
    roundControls: [],

    init: (config) => ({ config, slide: contentSlideView(config) }),

    reduce: () => fail('INVALID_ACTION', 'Nothing to send in a content round'),

    facilitatorView: (state) => ({ slide: state.slide, phoneMode: state.config.phoneMode }),

    participantPublicView: (state) =>
      state.config.phoneMode === 'compact'
        ? { phoneMode: 'compact', slide: state.slide }
        : { phoneMode: 'lookAtScreen', heading: state.slide.heading, layout: state.slide.layout },

    participantOwnView: () => null,

    screenView: (state) => state.slide,

    submittedCount: () => 0,

    summary: (state) => {
      const { slide } = state;
      const text = slideText(slide);
      return {
        headline:
          slide.heading || (slide.layout === 'break' ? 'Break' : LAYOUT_NAMES[slide.layout]),
        blocks: text ? [{ type: 'text', text }] : [],
      };
    },

    actionPlanPrompt: (config) =>
      config.heading
        ? `Thinking about "${config.heading}", what will I do differently?`
        : 'Thinking about this part of the day, what will I do differently?',
  };
