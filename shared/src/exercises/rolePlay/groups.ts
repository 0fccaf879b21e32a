/**
 * Forming role-play groups: how many of which size, who goes where (a seeded shuffle, so a
 * replay forms the same groups), who plays what, and where a newcomer goes.
 */
import { createRandom, deriveSeed } from '../../random.ts';
import type { RosterEntry } from '../types.ts';
import type { RolePlayGroup, RolePlayGroupSize, RolePlayRole } from './model.ts';

/**
 * The sizes of the groups for `count` people, largest first.
 *
 * - Pairs: everyone in pairs; with an odd count one group is a trio (5 = 3 + 2).
 * - Trios: everyone in trios; one left over turns one trio and the one into two pairs
 *   (7 = 3 + 2 + 2, 4 = 2 + 2); two left over make a pair (8 = 3 + 3 + 2).
 * - Nobody is ever alone and every group has 2 or 3 people. One person on their own
 *   cannot be grouped: for a count below 2 there are no groups (they wait).
 */
export function groupSizes(count: number, mode: RolePlayGroupSize): number[] {
  if (!Number.isInteger(count) || count < 2) return [];
  if (mode === 'pairs') {
    const pairs = Math.floor(count / 2);
    return count % 2 === 0
      ? Array<number>(pairs).fill(2)
      : [3, ...Array<number>(pairs - 1).fill(2)];
  }
  const trios = Math.floor(count / 3);
  switch (count % 3) {
    case 0:
      return Array<number>(trios).fill(3);
    case 2:
      return [...Array<number>(trios).fill(3), 2];
    default:
      // count >= 4 here: one trio gives way to two pairs.
      return [...Array<number>(trios - 1).fill(3), 2, 2];
  }
}

/** Everyone still in the session, in a stable order (by id) that does not depend on storage. */
export function presentIds(roster: Readonly<Record<string, RosterEntry>>): string[] {
  return Object.values(roster)
    .filter((p) => !p.hasLeft)
    .map((p) => p.id)
    .sort();
}

/** A Fisher-Yates shuffle driven by the seeded generator. */
function shuffled<T>(items: readonly T[], seed: string): T[] {
  const random = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/**
 * Shuffles the people (seeded by the round's seed and the forming's number) and cuts them
 * into groups of {@link groupSizes}; the order inside a group gives the first roles.
 * With fewer than two people there are no groups.
 */
export function formGroups(
  participantIds: readonly string[],
  mode: RolePlayGroupSize,
  seed: string,
  formation: number,
): RolePlayGroup[] {
  const order = shuffled(participantIds, deriveSeed(seed, 'groups', String(formation)));
  const groups: RolePlayGroup[] = [];
  let start = 0;
  for (const [i, size] of groupSizes(order.length, mode).entries()) {
    groups.push({ id: `G${i + 1}`, members: order.slice(start, start + size) });
    start += size;
  }
  return groups;
}

/** The slot of the member who scores: the observer in a group of three or more, else the customer. */
export function scorerSlot(groupSize: number): number {
  return groupSize >= 3 ? 2 : 0;
}

/** The part played from a slot: 0 customer, 1 service provider, 2 and later observer. */
export function roleOfSlot(slot: number): RolePlayRole {
  return slot === 0 ? 'customer' : slot === 1 ? 'provider' : 'observer';
}

/**
 * Everyone moves one slot on (the customer becomes the provider, the provider the
 * observer, the observer the customer); in a pair the two swap.
 */
export function rotateGroup(group: RolePlayGroup): RolePlayGroup {
  const last = group.members.at(-1);
  if (last === undefined || group.members.length < 2) return group;
  return { ...group, members: [last, ...group.members.slice(0, -1)] };
}

/**
 * Places newcomers one by one, each into the group with the fewest members still present
 * (the first such group on a tie), as its next observer. A newcomer in a pair therefore
 * becomes its observer and takes over the scoring from the customer.
 */
export function placeNewcomers(
  groups: readonly RolePlayGroup[],
  newcomers: readonly string[],
  isPresent: (participantId: string) => boolean,
): RolePlayGroup[] {
  const next = groups.map((g) => ({ ...g, members: [...g.members] }));
  for (const id of newcomers) {
    let smallest: RolePlayGroup | undefined;
    let smallestSize = Infinity;
    for (const group of next) {
      const size = group.members.filter(isPresent).length;
      if (size < smallestSize) {
        smallest = group;
        smallestSize = size;
      }
    }
    smallest?.members.push(id);
  }
  return next;
}
