/**
 * The word cloud's components as people use them: a phone sends and withdraws entries and
 * sees the room's words once shown; the console approves, hides, restores, merges, undoes
 * a merge and downloads the raw entries; the room screen shows a count before the reveal
 * and the words (as a list where no canvas exists) or the wall after it; the editor edits.
 * Views come from the shared exercise itself, so they have the shapes the server sends.
 */
import { render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Actor, RoundContext } from '@playfield/shared';
import {
  wordCloud,
  type WordCloudConfig,
  type WordCloudFacilitatorAction,
  type WordCloudParticipantAction,
  type WordCloudState,
} from '@playfield/shared/exercises/wordCloud/index';
import WordCloudConfigEditor from '../../client/src/exercises/wordCloud/ConfigEditor.tsx';
import WordCloudFacilitator, {
  entriesCsv,
} from '../../client/src/exercises/wordCloud/Facilitator.tsx';
import { WordCloudParticipant } from '../../client/src/exercises/wordCloud/Participant.tsx';
import WordCloudScreen from '../../client/src/exercises/wordCloud/Screen.tsx';
import type { Act } from '../../client/src/exercises/types.ts';
import { accepted } from './fixtures.ts';

const PEOPLE = [
  { id: 'p-ana', name: 'Ana' },
  { id: 'p-ben', name: 'Ben' },
];
const ctx = (o: Partial<RoundContext> = {}): RoundContext => ({
  isOpen: true,
  isRevealed: false,
  roster: Object.fromEntries(PEOPLE.map((p) => [p.id, { ...p, hasLeft: false }])),
  at: 0,
  ...o,
});

function config(o: Partial<WordCloudConfig> = {}): WordCloudConfig {
  return { ...wordCloud.defaultConfig(), maxWords: 2, isAnonymous: false, ...o };
}

function stateWith(
  steps: [string, WordCloudParticipantAction | WordCloudFacilitatorAction][],
  c: Partial<WordCloudConfig> = {},
): WordCloudState {
  return steps.reduce(
    (s, [who, action]) => {
      const actor: Actor =
        who === 'fac' ? { role: 'facilitator' } : { role: 'participant', participantId: who };
      const r = wordCloud.reduce(s, action, actor, ctx());
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    },
    wordCloud.init(config(c), 'seed'),
  );
}

const sent = (text: string) => ({ type: 'submit', text }) as const;

describe('WordCloudParticipant', () => {
  it('sends a word, lists it with its status and withdraws it', async () => {
    const state = stateWith([['p-ana', sent('Slow')]], { isModerated: true });
    const act = vi.fn<Act<'wordCloud'>>(() => Promise.resolve(accepted));
    const user = userEvent.setup();
    render(
      <WordCloudParticipant
        view={wordCloud.participantPublicView(state, ctx())}
        own={wordCloud.participantOwnView(state, 'p-ana', ctx())}
        isOpen
        act={act}
      />,
    );
    expect(screen.getByText(/Send up to 2 words per entry, 3 entries each/)).toBeVisible();
    const mine = within(screen.getByRole('list')).getByText('Slow').closest('li');
    expect(mine).toHaveTextContent('Waiting for the facilitator');

    await user.type(screen.getByLabelText('Your word'), 'far too slow');
    expect(screen.getByText('At most 2 words, please.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Send (2 left)' })).toBeDisabled();
    await user.clear(screen.getByLabelText('Your word'));
    await user.type(screen.getByLabelText('Your word'), 'Friendly{Enter}');
    expect(act).toHaveBeenCalledWith({ type: 'submit', text: 'Friendly' });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Sent.'));

    await user.click(screen.getByRole('button', { name: 'Withdraw “Slow”' }));
    expect(act).toHaveBeenLastCalledWith({
      type: 'withdraw',
      entryId: wordCloud.participantOwnView(state, 'p-ana', ctx()).entries[0]?.id,
    });
  });

  it('shows the room’s top words once revealed, and no form once locked', () => {
    const state = stateWith([
      ['p-ana', sent('slow')],
      ['p-ben', sent('slow')],
    ]);
    render(
      <WordCloudParticipant
        view={wordCloud.participantPublicView(state, ctx({ isRevealed: true }))}
        own={null}
        isOpen={false}
        act={vi.fn()}
      />,
    );
    expect(screen.queryByLabelText('Your word')).toBeNull();
    expect(screen.getByText('Entries are closed.')).toBeVisible();
    expect(screen.getByRole('list', { name: 'Top words' })).toHaveTextContent('slow');
    expect(screen.getByText('2 entries from 2 people.')).toBeVisible();
  });
});

describe('WordCloudFacilitator', () => {
  const steps: Parameters<typeof stateWith>[0] = [
    ['p-ana', sent('CS')],
    ['p-ben', sent('customer service')],
    ['p-ben', sent('shit')],
  ];

  function setup(c: Partial<WordCloudConfig> = {}) {
    const view = wordCloud.facilitatorView(stateWith(steps, { profanity: 'hold', ...c }), ctx());
    const act = vi.fn<Act<'wordCloud'>>(() => Promise.resolve(accepted));
    render(<WordCloudFacilitator view={view} participantCount={5} act={act} />);
    return { view, act, user: userEvent.setup() };
  }

  it('shows live counts and the queue with the held swear word', async () => {
    const { view, act, user } = setup();
    expect(screen.getByText(/entries from/)).toHaveTextContent(
      '3 entries from 2 of 5 · 2 shown · 1 waiting · 0 hidden · private until you reveal',
    );
    const queue = screen.getByRole('list', { name: 'Entries waiting for approval' });
    expect(queue).toHaveTextContent('shit · swear word · Ben');
    await user.click(within(queue).getByRole('button', { name: 'Approve “shit”' }));
    expect(act).toHaveBeenCalledWith({ type: 'approve', entryId: view.queue[0]?.id });
    // Only a held swear word waits: approving all would approve nothing.
    expect(screen.queryByRole('button', { name: /Approve all/ })).toBeNull();
  });

  it('merges one word into another and hides an entry', async () => {
    const { view, act, user } = setup();
    await user.selectOptions(screen.getByLabelText('Merge'), 'cs');
    await user.selectOptions(screen.getByLabelText('into'), 'customer service');
    await user.click(screen.getByRole('button', { name: 'Merge' }));
    expect(act).toHaveBeenCalledWith({ type: 'merge', from: 'cs', into: 'customer service' });
    const all = screen.getByRole('list', { name: 'All entries, newest first' });
    await user.click(within(all).getByRole('button', { name: 'Hide “CS”' }));
    expect(act).toHaveBeenLastCalledWith({
      type: 'hide',
      entryId: view.entries.find((e) => e.text === 'CS')?.id,
    });
  });

  it('offers to undo a merge', async () => {
    const state = stateWith([
      ...steps,
      ['fac', { type: 'merge', from: 'cs', into: 'customer service' }],
    ]);
    const act = vi.fn<Act<'wordCloud'>>(() => Promise.resolve(accepted));
    render(
      <WordCloudFacilitator
        view={wordCloud.facilitatorView(state, ctx())}
        participantCount={2}
        act={act}
      />,
    );
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Undo merging “CS” into “customer service”' }));
    expect(act).toHaveBeenCalledWith({ type: 'unmerge', key: 'cs' });
  });

  it('writes the raw entries as CSV, authors only when named, formulas defused', () => {
    const named = wordCloud.facilitatorView(stateWith([['p-ana', sent('+cheap')]]), ctx());
    expect(entriesCsv(named)).toBe(
      "\uFEFFEntry,Shown as,Status,Swear word,Counted as,Author\r\n'+cheap,'+cheap,Shown,no,'+cheap,Ana\r\n",
    );
    const anonymous = wordCloud.facilitatorView(
      stateWith([['p-ana', sent('slow')]], { isAnonymous: true }),
      ctx(),
    );
    expect(entriesCsv(anonymous)).not.toContain('Ana');
    expect(entriesCsv(anonymous)).not.toContain('Author');
  });
});

describe('WordCloudScreen', () => {
  it('shows the question and a count before the reveal, nothing of the entries', () => {
    const state = stateWith([['p-ana', sent('slow')]]);
    render(<WordCloudScreen view={wordCloud.screenView(state, ctx())} participantCount={4} />);
    expect(screen.getByRole('heading')).toHaveTextContent('One word for how our customers feel');
    expect(screen.getByText(/entry from/)).toHaveTextContent('1 entry from 1 of 4 people');
    expect(screen.queryByText(/slow/)).toBeNull();
  });

  it('lists the words with their counts once shown (no canvas here to lay out a cloud)', () => {
    const state = stateWith([
      ['p-ana', sent('slow')],
      ['p-ben', sent('Slow!')],
      ['p-ben', sent('kind')],
    ]);
    render(
      <WordCloudScreen
        view={wordCloud.screenView(state, ctx({ isRevealed: true }))}
        participantCount={4}
      />,
    );
    const words = screen.getByRole('list', { name: 'Words and how often they were sent' });
    expect(
      within(words)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Slow: 2', 'kind: 1']);
  });

  it('shows the text wall as cards, never an author', () => {
    const state = stateWith(
      [
        ['p-ana', sent('Our systems are too slow')],
        ['p-ben', sent('Rules nobody can explain')],
      ],
      { mode: 'text', maxLength: 120 },
    );
    render(
      <WordCloudScreen
        view={wordCloud.screenView(state, ctx({ isRevealed: true }))}
        participantCount={4}
      />,
    );
    const cards = within(screen.getByRole('list', { name: 'Answers' })).getAllByRole('listitem');
    expect(cards.map((c) => c.textContent)).toEqual([
      'Our systems are too slow',
      'Rules nobody can explain',
    ]);
    expect(document.body).not.toHaveTextContent('Ana');
  });
});

describe('WordCloudConfigEditor', () => {
  function Harness({ onChange }: { onChange: (c: WordCloudConfig) => void }) {
    const [value, setValue] = useState(config());
    return (
      <WordCloudConfigEditor
        idPrefix="wc"
        config={value}
        onChange={(next) => {
          setValue(next);
          onChange(next);
        }}
      />
    );
  }

  it('edits the mode, moderation and swear-word handling', async () => {
    const onChange = vi.fn<(c: WordCloudConfig) => void>();
    const user = userEvent.setup();
    render(<Harness onChange={onChange} />);
    await user.selectOptions(screen.getByLabelText('Mode'), 'text');
    expect(screen.queryByLabelText(/Words per entry/)).toBeNull();
    await user.click(screen.getByLabelText('Approve every entry before the room sees it'));
    await user.selectOptions(screen.getByLabelText('Swear words'), 'hold');
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ mode: 'text', isModerated: true, profanity: 'hold' }),
    );
    expect(wordCloud.configSchema.safeParse(onChange.mock.lastCall?.[0]).success).toBe(true);
  });
});
