import type {
  Accepted,
  ParticipantPublicView,
  Result,
  SessionHeader,
  ViewMessage,
} from '@playfield/shared';
import type {
  PollFacilitatorView,
  PollParticipantPublicView,
  PollScreenView,
} from '@playfield/shared/exercises/poll/index';

/** Options shared by the poll fixtures: three, so "the last one removed" is visible. */
export const OPTIONS = ['Phone', 'Email', 'Chat'];

export const accepted: Result<Accepted> = { ok: true, data: { seq: 1 } };

export function publicPoll(overrides: Partial<PollParticipantPublicView> = {}) {
  return {
    question: 'How do customers reach you first?',
    options: OPTIONS,
    isMultipleChoice: false,
    isAnonymous: false,
    results: null,
    ...overrides,
  } satisfies PollParticipantPublicView;
}

export function facilitatorPoll(overrides: Partial<PollFacilitatorView> = {}): PollFacilitatorView {
  return {
    question: 'How do customers reach you first?',
    options: OPTIONS,
    isMultipleChoice: false,
    isAnonymous: false,
    results: { counts: [2, 1, 0], respondents: 3 },
    ...overrides,
  };
}

export function screenPoll(overrides: Partial<PollScreenView> = {}): PollScreenView {
  return {
    question: 'How do customers reach you first?',
    options: OPTIONS,
    respondents: 3,
    results: null,
    ...overrides,
  };
}

export function header(overrides: Partial<SessionHeader> = {}): SessionHeader {
  return {
    id: 'sess_4f9a',
    code: 'ABC234',
    title: 'Service recovery, Tuesday',
    phase: 'lobby',
    createdAt: 1_700_000_000_000,
    endedAt: null,
    ...overrides,
  };
}

/** A public view for the phones, optionally with a poll as the current round. */
export function publicView(
  options: {
    phase?: SessionHeader['phase'];
    poll?: PollParticipantPublicView;
    isOpen?: boolean;
  } = {},
): ParticipantPublicView {
  const { phase = 'lobby', poll, isOpen = true } = options;
  return {
    session: header({ phase }),
    prompt: null,
    participantCount: 4,
    timer: null,
    round: poll
      ? {
          kind: 'poll',
          view: poll,
          id: 'round_1',
          title: 'First contact',
          index: 0,
          count: 3,
          isOpen,
          isRevealed: poll.results !== null,
          actionPlanPrompt: 'What will I do about it?',
          controls: ['open', 'reveal'],
        }
      : null,
  };
}

export function message<V>(view: V, seq: number, serverTime = Date.now()): ViewMessage<V> {
  return { seq, serverTime, view };
}

/** A JSON response as the API sends it. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
