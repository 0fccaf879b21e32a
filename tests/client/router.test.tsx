import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { matchRoute, navigate, readHashKey, usePathname } from '../../client/src/router.ts';

afterEach(() => history.replaceState(null, '', '/'));

describe('matchRoute', () => {
  it.each([
    ['/', { name: 'home' }],
    ['/join/ABC234', { name: 'join', code: 'ABC234' }],
    ['/join/abc234/', { name: 'join', code: 'abc234' }],
    ['/join/ABC%20234', { name: 'join', code: 'ABC 234' }],
    ['/new', { name: 'new' }],
    ['/new/', { name: 'new' }],
    ['/console/sess_4f9a-B', { name: 'console', sessionId: 'sess_4f9a-B' }],
    ['/console/sess1/', { name: 'console', sessionId: 'sess1' }],
    ['/screen/sess_4f9a', { name: 'screen', sessionId: 'sess_4f9a' }],
    ['/sessions', { name: 'sessions' }],
    ['/sessions/', { name: 'sessions' }],
  ])('matches %s when the path is a known route', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each([
    '/nope',
    '',
    '/join',
    '/join/',
    '/join/ABC234/extra',
    '/console/',
    '/console/a.b',
    '/screen/a/b',
    '/newish',
    '//',
  ])('returns notFound when the path is %j', (path) => {
    expect(matchRoute(path)).toEqual({ name: 'notFound' });
  });
});

function Where() {
  return <p>at {usePathname()}</p>;
}

describe('navigate', () => {
  it('changes the URL and re-renders subscribers when called', () => {
    render(<Where />);

    act(() => navigate('/sessions'));

    expect(location.pathname).toBe('/sessions');
    expect(screen.getByText('at /sessions')).toBeInTheDocument();
  });

  it('replaces the history entry when asked to', () => {
    const before = history.length;

    navigate('/new', { replace: true });

    expect(location.pathname).toBe('/new');
    expect(history.length).toBe(before);
  });

  it('re-renders when the browser goes back', () => {
    navigate('/new');
    render(<Where />);

    act(() => {
      history.replaceState(null, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });

    expect(screen.getByText('at /')).toBeInTheDocument();
  });
});

describe('readHashKey', () => {
  it('reads the key from the fragment when there is one', () => {
    history.replaceState(null, '', '/screen/sess1#key=s3cret');

    expect(readHashKey()).toBe('s3cret');
  });

  it('returns null when the fragment has no key', () => {
    history.replaceState(null, '', '/screen/sess1');

    expect(readHashKey()).toBeNull();
  });
});
