/**
 * The presenter view and the console's shortcuts: the view shows the round's notes, the
 * next round and the clock; each shortcut sends the command it says on the `?` overlay;
 * nothing fires while the facilitator types in a field.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgendaItemView, ControlCommand, FacilitatorView } from '@playfield/shared';
import PresenterView from '../../client/src/presenter/PresenterView.tsx';
import { commandFor } from '../../client/src/presenter/presenterCommands.ts';
import { shortcutFor, type KeyLike } from '../../client/src/presenter/shortcuts.ts';
import { useShortcuts } from '../../client/src/presenter/useShortcuts.ts';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { facilitatorPoll, header } from './fixtures.ts';

const T0 = 1_700_000_000_000;
const MIN = 60_000;

function item(id: string, title: string, extra: Partial<AgendaItemView> = {}): AgendaItemView {
  return {
    id,
    kind: 'poll',
    title,
    config: {
      question: 'How do customers reach us first?',
      options: ['Phone', 'Email', 'Chat'],
      isMultipleChoice: false,
      isAnonymous: false,
    },
    isOpen: true,
    isRevealed: false,
    hasStarted: id === 'r1',
    submitted: 0,
    ...extra,
  };
}

/** A live session on its first of two rounds, entered at T0 and planned for 10 minutes. */
function liveView(overrides: Partial<FacilitatorView> = {}): FacilitatorView {
  return {
    session: header({ phase: 'live' }),
    isLocked: false,
    prompt: null,
    agenda: [
      item('r1', 'Warm-up', { minutes: 10, notes: 'Ask who called a helpline.\nThen poll.' }),
      item('r2', 'Coffee break', { minutes: 15, notes: 'Back at 10:45' }),
    ],
    roster: [],
    timer: null,
    round: {
      kind: 'poll',
      view: facilitatorPoll(),
      id: 'r1',
      title: 'Warm-up',
      index: 0,
      count: 2,
      isOpen: true,
      isRevealed: false,
      actionPlanPrompt: 'What will you do?',
      controls: ['open', 'reveal'],
      submitted: 0,
    },
    clock: {
      startedAt: T0,
      rounds: { r1: { spentMs: 0, extendedMs: 0 } },
      currentSince: T0,
      screen: 'live',
      isCountdownShown: false,
    },
    ...overrides,
  };
}

const key = (k: string, target: EventTarget | null = document.body): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  target,
});

beforeEach(() => {
  useSessionStore.getState().reset();
  vi.useRealTimers();
});

describe('shortcutFor', () => {
  it('reads a presenter clicker and the letter keys', () => {
    expect(['PageDown', 'ArrowRight', ' ', 'n', 'N'].map((k) => shortcutFor(key(k)))).toEqual([
      'next',
      'next',
      'next',
      'next',
      'next',
    ]);
    expect(['PageUp', 'ArrowLeft', 'p'].map((k) => shortcutFor(key(k)))).toEqual([
      'back',
      'back',
      'back',
    ]);
    expect(['r', 'l', 't', 'c', '1', '5', 'b', 'f', '?'].map((k) => shortcutFor(key(k)))).toEqual([
      'reveal',
      'lock',
      'timer',
      'countdown',
      'extend1',
      'extend5',
      'blank',
      'freeze',
      'help',
    ]);
    expect(shortcutFor(key('x'))).toBeNull();
    expect(shortcutFor(key('constructor'))).toBeNull();
  });

  it('stays out of the way while typing, of browser shortcuts and of held keys', () => {
    const input = document.createElement('input');
    const area = document.createElement('textarea');
    const button = document.createElement('button');
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(shortcutFor(key('n', input))).toBeNull();
    expect(shortcutFor(key('PageDown', area))).toBeNull();
    expect(shortcutFor({ ...key('r'), ctrlKey: true })).toBeNull();
    expect(shortcutFor({ ...key('PageDown'), repeat: true })).toBeNull();
    // Space on a button presses the button; PageDown still moves on.
    expect(shortcutFor(key(' ', button))).toBeNull();
    expect(shortcutFor(key('PageDown', button))).toBe('next');
    // A ticked box keeps the clicker working, but Space ticks it.
    expect(shortcutFor(key('PageDown', box))).toBe('next');
    expect(shortcutFor(key(' ', box))).toBeNull();
  });
});

describe('commandFor', () => {
  it('sends the command each shortcut names, as the session stands', () => {
    const view = liveView();
    const at = T0 + 4 * MIN;
    expect(commandFor('next', view, at)).toEqual({ type: 'round.next' });
    expect(commandFor('back', view, at)).toBeNull();
    expect(commandFor('reveal', view, at)).toEqual({ type: 'round.reveal' });
    expect(commandFor('lock', view, at)).toEqual({ type: 'round.lock' });
    // Six minutes left of the ten planned.
    expect(commandFor('timer', view, at)).toEqual({ type: 'timer.start', seconds: 360 });
    expect(commandFor('extend5', view, at)).toEqual({ type: 'clock.extend', minutes: 5 });
    expect(commandFor('blank', view, at)).toEqual({ type: 'clock.screen', mode: 'blank' });
    expect(commandFor('freeze', view, at)).toEqual({ type: 'clock.screen', mode: 'frozen' });
    expect(commandFor('countdown', view, at)).toEqual({ type: 'clock.countdown', isShown: true });

    const round = view.round;
    if (!round) throw new Error('no round');
    const toggled = liveView({
      round: { ...round, isOpen: false, isRevealed: true },
      timer: { durationMs: 60_000, endsAt: at + 1000, remainingMs: 60_000 },
      clock: { ...view.clock!, screen: 'blank' },
    });
    expect(commandFor('reveal', toggled, at)).toEqual({ type: 'round.hide' });
    expect(commandFor('lock', toggled, at)).toEqual({ type: 'round.open' });
    expect(commandFor('timer', toggled, at)).toEqual({ type: 'timer.pause' });
    expect(commandFor('blank', toggled, at)).toEqual({ type: 'clock.screen', mode: 'live' });
    expect(commandFor('freeze', toggled, at)).toEqual({ type: 'clock.screen', mode: 'frozen' });
  });

  it('starts the session from the lobby and does nothing once it has ended', () => {
    const lobby = liveView({ session: header({ phase: 'lobby' }), round: null });
    expect(commandFor('next', lobby, T0)).toEqual({ type: 'session.start' });
    expect(commandFor('reveal', lobby, T0)).toBeNull();
    const ended = liveView({ session: header({ phase: 'ended' }) });
    for (const action of ['next', 'blank', 'extend1'] as const)
      expect(commandFor(action, ended, T0)).toBeNull();
  });
});

function ShortcutProbe({ onShortcut }: { onShortcut: (action: string) => void }) {
  useShortcuts(onShortcut);
  return (
    <label>
      Round title
      <input defaultValue="" />
    </label>
  );
}

describe('useShortcuts', () => {
  it('fires on the page and never while typing in a field', async () => {
    const user = userEvent.setup();
    const spy = vi.fn<(action: string) => void>();
    render(<ShortcutProbe onShortcut={spy} />);
    await user.keyboard('{PageDown}{ArrowLeft}b');
    expect(spy.mock.calls.map(([a]) => a)).toEqual(['next', 'back', 'blank']);
    spy.mockClear();
    await user.click(screen.getByLabelText('Round title'));
    await user.keyboard('bn f{PageDown}{ArrowRight}');
    expect(spy).not.toHaveBeenCalled();
    expect(screen.getByLabelText<HTMLInputElement>('Round title').value).toBe('bn f');
  });
});

describe('PresenterView', () => {
  it("shows the round's notes, the next round and the clock against the plan", () => {
    vi.useFakeTimers({ now: T0 + 12 * MIN, toFake: ['Date'] });
    const control = vi.fn<(c: ControlCommand) => Promise<boolean>>(() => Promise.resolve(true));
    render(
      <PresenterView
        view={liveView()}
        screenKey={'k'.repeat(20)}
        control={control}
        act={() => undefined}
        error={null}
        onHelp={() => undefined}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Warm-up', level: 1 })).toBeTruthy();
    expect(screen.getByTestId('facilitator-notes').textContent).toBe(
      'Ask who called a helpline.\nThen poll.',
    );
    expect(screen.getByTestId('next-round').textContent).toBe('2. Coffee break');
    expect(screen.getByText(/15 min planned/)).toBeTruthy();
    // Twelve minutes into a ten-minute round.
    expect(screen.getByTestId('round-elapsed').textContent).toContain('12:00');
    expect(screen.getByTestId('round-left').textContent).toContain('2:00');
    expect(screen.getByTestId('day-variance').textContent).toContain('2 min behind');
    expect(screen.getByRole('button', { name: 'Next round →' })).toBeTruthy();
  });

  it('sends +5 minutes, blank and freeze from its buttons', async () => {
    const control = vi.fn<(c: ControlCommand) => Promise<boolean>>(() => Promise.resolve(true));
    render(
      <PresenterView
        view={liveView()}
        screenKey={undefined}
        control={control}
        act={() => undefined}
        error={null}
        onHelp={() => undefined}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '+5 min' }));
    await user.click(screen.getByRole('button', { name: 'Blank screen' }));
    await user.click(screen.getByRole('button', { name: 'Freeze screen' }));
    await act(() => Promise.resolve());
    expect(control.mock.calls.map(([c]) => c)).toEqual([
      { type: 'clock.extend', minutes: 5 },
      { type: 'clock.screen', mode: 'blank' },
      { type: 'clock.screen', mode: 'frozen' },
    ]);
    // No screen key yet: the window cannot be opened.
    expect(
      screen.getByRole('button', { name: 'Open room screen window' }).hasAttribute('disabled'),
    ).toBe(true);
  });
});
