import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { bindConfig, DescribedList } from '../../client/src/components/form/index.ts';

describe('bindConfig', () => {
  const config = { question: 'Why?', max: 3, tags: ['a'] };

  it('binds a field to one key: its id, its value, and a setter that keeps the other keys', () => {
    const onChange = vi.fn();
    const { field } = bindConfig({ config, onChange, idPrefix: 'round-1' });

    const question = field('question');
    expect(question.id).toBe('round-1-question');
    expect(question.value).toBe('Why?');
    field('max').onChange(5);
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ question: 'Why?', max: 5, tags: ['a'] });
    expect(config.max).toBe(3);
  });

  it('binds a list to its entries and merges patches with set', () => {
    const onChange = vi.fn();
    const { list, set } = bindConfig({ config, onChange, idPrefix: 'r' });

    expect(list('tags').items).toEqual(['a']);
    list('tags').onChange(['a', 'b']);
    set({ question: 'How?', max: 4 });
    expect(onChange.mock.calls).toEqual([
      [{ question: 'Why?', max: 3, tags: ['a', 'b'] }],
      [{ question: 'How?', max: 4, tags: ['a'] }],
    ]);
  });
});

describe('DescribedList', () => {
  it('edits each entry’s name and optional description, and adds blank entries', async () => {
    const onChange = vi.fn();
    render(
      <DescribedList
        legend="Items"
        noun="item"
        items={[{ label: 'Speed', description: '' }]}
        min={1}
        max={3}
        labelLength={40}
        descriptionLength={80}
        onChange={onChange}
      />,
    );
    const user = userEvent.setup();

    expect(screen.getByRole('textbox', { name: 'Item 1' })).toHaveValue('Speed');
    expect(screen.getByRole('textbox', { name: 'Item 1' })).toHaveAttribute('maxLength', '40');
    const description = screen.getByRole('textbox', {
      name: 'Description of item 1 (optional)',
    });
    expect(description).toHaveAttribute('placeholder', 'Description (optional)');
    await user.type(description, 'x');
    expect(onChange).toHaveBeenLastCalledWith([{ label: 'Speed', description: 'x' }]);
    await user.click(screen.getByRole('button', { name: 'Add item' }));
    expect(onChange).toHaveBeenLastCalledWith([
      { label: 'Speed', description: '' },
      { label: '', description: '' },
    ]);
  });
});
