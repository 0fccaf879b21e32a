import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../client/src/App.tsx';
import { header, json } from './fixtures.ts';

afterEach(() => history.replaceState(null, '', '/'));

describe('App', () => {
  it('shows Page not found when the path matches no route', () => {
    history.replaceState(null, '', '/no/such/page');

    render(<App />);

    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  });

  it('opens the join form for the code when a code is entered on the home page', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(json(header()))),
    );
    const user = userEvent.setup();
    render(<App />);

    await user.type(screen.getByRole('textbox', { name: 'Code on the screen' }), 'abc234{Enter}');

    expect(location.pathname).toBe('/join/ABC234');
    expect(await screen.findByRole('heading', { name: 'Service recovery, Tuesday' })).toBeVisible();
    expect(screen.getByRole('textbox', { name: /Your name/ })).toBeInTheDocument();
  });
});
