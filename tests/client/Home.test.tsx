import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Home } from '../../client/src/routes/Home.tsx';
import { saveSeat } from '../../client/src/storage.ts';

beforeEach(() => history.replaceState(null, '', '/'));

function setup() {
  render(<Home />);
  return {
    user: userEvent.setup(),
    input: screen.getByRole('textbox', { name: 'Code on the screen' }),
    join: screen.getByRole('button', { name: 'Join' }),
  };
}

describe('Home', () => {
  it('shows an error and stays put when the code is not a join code', async () => {
    const { user, input, join } = setup();

    await user.type(input, 'abc1');
    await user.click(join);

    expect(screen.getByRole('alert')).toHaveTextContent(
      'A join code has 6 letters and digits, as shown on the room screen. Codes never contain 0, O, 1, I or L',
    );
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/A join code has 6 letters/);
    expect(location.pathname).toBe('/');
  });

  it('shows an error when the code is empty', async () => {
    const { user, join } = setup();

    await user.click(join);

    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(location.pathname).toBe('/');
  });

  it('clears the error when the code is edited', async () => {
    const { user, input, join } = setup();
    await user.type(input, 'zz');
    await user.click(join);
    expect(screen.getByRole('alert')).toBeInTheDocument();

    await user.type(input, 'z');

    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('goes to /join/CODE when a valid code is typed in lowercase with spaces', async () => {
    const { user, input } = setup();

    await user.type(input, 'abc 234');
    expect(input).toHaveValue('ABC 234');
    await user.type(input, '{Enter}');

    expect(location.pathname).toBe('/join/ABC234');
  });

  it('goes to /join/CODE when a code with a dash is submitted with the button', async () => {
    const { user, input, join } = setup();

    await user.type(input, 'xyz-789');
    await user.click(join);

    expect(location.pathname).toBe('/join/XYZ789');
  });

  it('says which characters never appear when "ABC123" is typed', async () => {
    const { user, input, join } = setup();

    await user.type(input, 'ABC123');
    await user.click(join);

    expect(screen.getByRole('alert')).toHaveTextContent(/never contain 0, O, 1, I or L/);
    expect(location.pathname).toBe('/');
  });

  it('offers a way back to the session this browser holds a seat in', async () => {
    saveSeat('ABC234', {
      sessionId: 'sess_4f9a',
      participantId: 'p1',
      name: 'Sam',
      resumeToken: 'r1',
    });
    const { user } = setup();

    const back = screen.getByRole('link', { name: 'Back to ABC234 as Sam' });
    expect(screen.getByRole('heading', { name: 'Return to your session' })).toBeVisible();
    await user.click(back);

    expect(location.pathname).toBe('/join/ABC234');
  });

  it('offers no way back when this browser holds no seat', () => {
    setup();

    expect(screen.queryByRole('heading', { name: 'Return to your session' })).toBeNull();
  });

  it('links facilitators to creating a session and to their sessions', async () => {
    const { user } = setup();

    expect(screen.getByRole('link', { name: 'Your sessions' })).toHaveAttribute(
      'href',
      '/sessions',
    );
    await user.click(screen.getByRole('link', { name: 'Create a session' }));

    expect(location.pathname).toBe('/new');
  });

  it('says what Playfield is, how a session works, and that sessions live in this browser (#17.14)', () => {
    setup();

    expect(screen.getByRole('heading', { name: 'What is Playfield?' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'How a session works' })).toBeVisible();
    expect(screen.getAllByRole('listitem').length).toBeGreaterThanOrEqual(4);
    expect(screen.getByText(/remembered by this browser/)).toHaveTextContent(
      /Sign in to keep them with your account.*console link.*keeps working/,
    );
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/account');
  });
});
