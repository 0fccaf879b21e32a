import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusLine } from '../../client/src/components/StatusLine.tsx';

describe('StatusLine', () => {
  it('says what the phone saved while the round is open', () => {
    render(
      <StatusLine isOpen closed="Answers are locked.">
        Answer saved.
      </StatusLine>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Answer saved.');
  });

  it('says the round is closed once it is, whatever was saved', () => {
    render(
      <StatusLine isOpen={false} closed="Answers are locked.">
        Answer saved.
      </StatusLine>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Answers are locked.');
  });

  it('puts the server’s refusal first', () => {
    render(
      <StatusLine error="The poll is closed." isOpen={false} closed="Answers are locked.">
        Answer saved.
      </StatusLine>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('The poll is closed.');
  });
});
