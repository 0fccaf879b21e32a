import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { SortConfig } from '@playfield/shared/exercises/sort/index';
import SortConfigEditor from '../../client/src/exercises/sort/ConfigEditor.tsx';

const CONFIG: SortConfig = {
  prompt: 'Product or service?',
  categories: ['Product', 'Service', 'Both'],
  items: [
    { text: 'Samples sent out', answer: 0 },
    { text: 'Priced per hour', answer: 2 },
    { text: 'Produced with the customer present', answer: 1 },
  ],
};

function Harness(props: { initial: SortConfig; onChange: (config: SortConfig) => void }) {
  const [config, setConfig] = useState(props.initial);
  return (
    <SortConfigEditor
      config={config}
      idPrefix="r1"
      onChange={(next) => {
        props.onChange(next);
        setConfig(next);
      }}
    />
  );
}

function setup(initial: SortConfig = CONFIG) {
  const onChange = vi.fn<(config: SortConfig) => void>();
  render(<Harness initial={initial} onChange={onChange} />);
  return { onChange, user: userEvent.setup(), last: () => onChange.mock.lastCall?.[0] };
}

describe('SortConfigEditor', () => {
  it('sets a statement’s expected category, or none', async () => {
    const { user, last } = setup();

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Expected category for statement 1' }),
      'Service',
    );
    expect(last()?.items[0]).toEqual({ text: 'Samples sent out', answer: 1 });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Expected category for statement 1' }),
      'No right answer',
    );
    expect(last()?.items[0]).toEqual({ text: 'Samples sent out', answer: null });
  });

  it('re-points expected categories when a category is removed', async () => {
    const { user, last } = setup();

    await user.click(screen.getByRole('button', { name: 'Remove category 2' }));

    expect(last()?.categories).toEqual(['Product', 'Both']);
    expect(last()?.items.map((i) => i.answer)).toEqual([0, 1, null]);
  });

  it('adds and edits a statement', async () => {
    const { user, last } = setup();

    await user.click(screen.getByRole('button', { name: 'Add statement' }));
    await user.type(screen.getByRole('textbox', { name: 'Statement 4' }), 'Depreciated');

    expect(last()?.items[3]).toEqual({ text: 'Depreciated', answer: null });
  });

  it('keeps between 2 and 4 categories', async () => {
    const { user } = setup();

    await user.click(screen.getByRole('button', { name: 'Add category' }));
    expect(screen.getByRole('button', { name: 'Add category' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Remove category 4' }));
    await user.click(screen.getByRole('button', { name: 'Remove category 3' }));
    expect(screen.getByRole('button', { name: 'Remove category 1' })).toBeDisabled();
  });
});
