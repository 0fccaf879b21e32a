import type { ParticipantRecord, SessionState } from './state.ts';

type Seats = SessionState['participants'];

/**
 * What joins and views ask of the seat table on every event, kept beside it instead of
 * recomputed: how many seats there are, how many are still in, and which names are in use.
 * A scan of 5,000 seats per join (or per view flush) is most of a big room's join cost.
 *
 * Derived data only, in a cache keyed by the seat table: when `apply` replaces the table
 * by a copy with one change, the index moves to the copy and is updated (O(1)); a table
 * without an index (read from a snapshot, or left behind) gets one built on first use.
 */
export interface SeatIndex {
  /** Every seat ever taken, removed ones included. */
  all: number;
  /** Seats still in (not left, not removed). */
  present: number;
  /** How many seats still in hold each folded name. */
  names: Map<string, number>;
}

const indexes = new WeakMap<Seats, SeatIndex>();

function build(seats: Seats): SeatIndex {
  const index: SeatIndex = { all: 0, present: 0, names: new Map() };
  for (const id in seats) {
    if (!Object.hasOwn(seats, id)) continue;
    const seat = seats[id] as ParticipantRecord;
    index.all++;
    if (!seat.hasLeft) addName(index, seat.nameKey, 1);
  }
  return index;
}

function addName(index: SeatIndex, key: string, delta: 1 | -1): void {
  index.present += delta;
  const count = (index.names.get(key) ?? 0) + delta;
  if (count > 0) index.names.set(key, count);
  else index.names.delete(key);
}

/** The index of a seat table (built once per table that lacks one). */
export function seatIndex(seats: Seats): SeatIndex {
  let index = indexes.get(seats);
  if (!index) {
    index = build(seats);
    indexes.set(seats, index);
  }
  return index;
}

/**
 * Moves the index of `before` to `after` (the same object when written in place) and
 * applies one seat's change to it: `joined` adds a seat, `closed` marks one as no longer in.
 */
export function moveSeatIndex(
  before: Seats,
  after: Seats,
  change: { type: 'joined'; nameKey: string } | { type: 'closed'; nameKey: string },
): void {
  const index = indexes.get(before);
  if (!index) return; // built on first use from `after` itself
  if (before !== after) indexes.delete(before);
  if (change.type === 'joined') {
    index.all++;
    addName(index, change.nameKey, 1);
  } else {
    addName(index, change.nameKey, -1);
  }
  indexes.set(after, index);
}

/** Seats ever taken and seats still in, without a pass over the room. */
export function seatCounts(state: Pick<SessionState, 'participants'>): {
  all: number;
  present: number;
} {
  const { all, present } = seatIndex(state.participants);
  return { all, present };
}

/** Is a folded name held by a seat still in? */
export function isNameKeyTaken(state: Pick<SessionState, 'participants'>, key: string): boolean {
  return (seatIndex(state.participants).names.get(key) ?? 0) > 0;
}
