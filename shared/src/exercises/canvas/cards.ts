import { own } from '../../own.ts';
import { teamNameIn, type RosterEntry, type RoundContext } from '../types.ts';
import type { CanvasEntry, CanvasState } from './model.ts';

/** A card as anyone may see it: never who wrote it. Figures rounded to two decimals. */
export interface CanvasCard {
  /** The id of the card's first entry. */
  id: string;
  text: string;
  /** Entries on the card: the first, plus duplicates the facilitator merged into it. */
  count: number;
  /** Mean rating of the card's entries in a rated box; null in an unrated box or unrated. */
  rating: number | null;
  /** Each tag its entries carry, with how many of them carry it. */
  tags: { tag: string; count: number }[];
  /** On a per-table canvas: the table the first entry came from (a table, never a person). */
  team?: string;
}

/** One entry merged into a card, as the facilitator sees it. */
export interface CanvasMergedEntry {
  id: string;
  text: string;
  /** The author's name, or null on an anonymous canvas. */
  author: string | null;
}

/** A card as the facilitator moderates it. */
export interface CanvasModeratedCard extends CanvasCard {
  isHidden: boolean;
  /** The first entry's author, or null on an anonymous canvas. */
  author: string | null;
  merged: CanvasMergedEntry[];
}

/** A box's figures: entries on show, and their mean rating where the box is rated. */
export interface CanvasBoxFigures {
  /** Entries on show, merged duplicates included; hidden ones left out. */
  entryCount: number;
  /** Mean rating of those entries that carry one, in a rated box; otherwise null. */
  averageRating: number | null;
  ratingCount: number;
}

/** A card of entries: the first one and those merged into it. */
export interface CardGroup {
  head: CanvasEntry;
  members: CanvasEntry[];
  /** Where the head stands in posting order (later is newer). */
  order: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Is the entry off the canvas: hidden itself, or merged into a hidden entry? */
export function isHiddenEntry(state: CanvasState, entry: CanvasEntry): boolean {
  if (entry.isHidden) return true;
  if (entry.mergedInto === null) return false;
  return state.entries.find((e) => e.id === entry.mergedInto)?.isHidden ?? false;
}

/** The cards of each box, in posting order of their first entry. */
export function cardGroups(state: CanvasState): CardGroup[][] {
  const byHead = new Map<string, CardGroup>();
  const boxes = state.config.boxes.map((): CardGroup[] => []);
  state.entries.forEach((entry, order) => {
    if (entry.mergedInto !== null) return;
    const group = { head: entry, members: [entry], order };
    byHead.set(entry.id, group);
    boxes[entry.box]?.push(group);
  });
  for (const entry of state.entries) {
    if (entry.mergedInto !== null) byHead.get(entry.mergedInto)?.members.push(entry);
  }
  return boxes;
}

function ratingsIn(state: CanvasState, box: number, entries: readonly CanvasEntry[]): number[] {
  if (!state.config.boxes[box]?.isRated) return [];
  return entries.flatMap((e) => (e.rating === null ? [] : [e.rating]));
}

const mean = (values: readonly number[]) =>
  values.length ? round2(values.reduce((a, b) => a + b, 0) / values.length) : null;

/** A card as anyone may see it. */
export function publicCard(state: CanvasState, group: CardGroup, ctx?: RoundContext): CanvasCard {
  const counts = new Map<number, number>();
  for (const member of group.members) {
    for (const tag of member.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  const team = ctx && teamNameIn(ctx, group.head.teamId ?? null);
  return {
    ...(team ? { team } : {}),
    id: group.head.id,
    text: group.head.text,
    count: group.members.length,
    rating: mean(ratingsIn(state, group.head.box, group.members)),
    tags: [...counts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([tag, count]) => ({ tag: state.config.tags[tag] ?? '?', count })),
  };
}

/** A card for the facilitator: with authors' names only on a named canvas. */
export function moderatedCard(
  state: CanvasState,
  group: CardGroup,
  roster: Readonly<Record<string, RosterEntry>>,
  ctx?: RoundContext,
): CanvasModeratedCard {
  const author = (entry: CanvasEntry) =>
    state.config.isAnonymous ? null : (own(roster, entry.authorId)?.name ?? 'Unknown');
  return {
    ...publicCard(state, group, ctx),
    isHidden: group.head.isHidden,
    author: author(group.head),
    merged: group.members.slice(1).map((m) => ({ id: m.id, text: m.text, author: author(m) })),
  };
}

/** Cards most mentioned first, then the newest: what the room should see first. */
export function byWeight(groups: readonly CardGroup[]): CardGroup[] {
  return [...groups].sort((a, b) => b.members.length - a.members.length || b.order - a.order);
}

/** Entries on show in a box and their mean rating. */
export function boxFigures(state: CanvasState, box: number, groups: CardGroup[]): CanvasBoxFigures {
  const shown = groups.filter((g) => !g.head.isHidden).flatMap((g) => g.members);
  const ratings = ratingsIn(state, box, shown);
  return { entryCount: shown.length, averageRating: mean(ratings), ratingCount: ratings.length };
}

/** How many different people have an entry on the canvas (hidden ones included). */
export function contributorCount(state: CanvasState): number {
  return new Set(state.entries.map((e) => e.authorId)).size;
}
