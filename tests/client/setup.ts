import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// findBy/waitFor return as soon as their condition holds; the default 1 s limit fails them
// when npm test's three lanes keep two cores busy, so they get 10 s (the test's own limit is 15).
configure({ asyncUtilTimeout: 10_000 });

// jsdom does not implement scrolling; `navigate` scrolls to the top of each new page.
window.scrollTo = vi.fn();

// Vitest does not run Testing Library's auto-cleanup (no globals), so unmount here;
// storage, stubbed globals and fake clocks must not leak from one test into the next.
afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
