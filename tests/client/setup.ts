import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

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
