/**
 * The library's search snippets: the matched words marked (a <mark>, bold, not colour
 * alone), and a notebook's own markup shown as text, never run as HTML.
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { LibraryPanel } from '../../client/src/workspaces/LibraryPanel.tsx';
import { json } from './fixtures.ts';

describe('library search snippets', () => {
  it('marks the matched words and shows markup in a notebook as text', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn((input: RequestInfo | URL) => {
        const path = new URL(
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
          'http://localhost',
        ).pathname;
        if (path === '/api/workspaces/w1/library')
          return Promise.resolve(
            json({
              workshops: [],
              sessions: [
                {
                  sessionId: 's1',
                  title: 'Angry callers',
                  workshop: 'Own agenda',
                  createdAt: 0,
                  endedAt: null,
                  state: 'finished',
                  participantCount: 3,
                  hasNotebook: true,
                  answersDeletedAt: null,
                  snippet: [
                    { text: 'we agreed to ', isMatch: false },
                    { text: 'acknowledge', isMatch: true },
                    { text: ' <img src=x onerror=alert(1)> first', isMatch: false },
                  ],
                },
              ],
            }),
          );
        return Promise.resolve(json({ sessions: [] }));
      }),
    );
    const { container } = render(
      <LibraryPanel workspaceId="w1" canRun={false} onTemplateSaved={() => undefined} />,
    );
    const mark = await screen.findByText('acknowledge');
    expect(mark.tagName).toBe('MARK');
    const snippet = mark.closest('p');
    expect(snippet).toHaveTextContent(
      'Found in the notebook: we agreed to acknowledge <img src=x onerror=alert(1)> first',
    );
    expect(container.querySelector('img')).toBeNull();
  });
});
