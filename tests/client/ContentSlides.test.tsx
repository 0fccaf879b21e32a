/**
 * Content slides in the browser's components: the Markdown tree rendered as elements
 * (raw HTML shown as text, links never clickable), each layout on the room screen, the
 * break's countdown and "back at" from the session's timer, phones compact or "look at the
 * screen" (with the phone-sized image), and the editor: fields per layout, a live preview,
 * an upload that sets the image, and an upload's refusal shown as it came.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScreenView } from '@playfield/shared';
import {
  contentSlide,
  contentSlideView,
  type ContentConfig,
} from '@playfield/shared/exercises/content/index';
import { parseMarkdown } from '@playfield/shared/markdown/index';
import { Markdown } from '../../client/src/components/markdown/Markdown.tsx';
import ContentConfigEditor from '../../client/src/exercises/content/ConfigEditor.tsx';
import { ContentParticipant } from '../../client/src/exercises/content/Participant.tsx';
import ContentScreen from '../../client/src/exercises/content/Screen.tsx';
import { useSessionStore } from '../../client/src/stores/useSessionStore.ts';
import { accepted } from './fixtures.ts';

const IMAGE = 'Zk3_pQ8vW2-xY7mN4bR6tL1cD9fG5hJ0aS2eU8iO3kP';
const slide = (config: Partial<ContentConfig> & Pick<ContentConfig, 'layout'>) =>
  contentSlideView(contentSlide(config));

afterEach(() => {
  useSessionStore.getState().reset();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('Markdown', () => {
  it('renders the tree as elements, raw HTML as text, links as their words', () => {
    const { container } = render(
      <Markdown
        doc={parseMarkdown(
          '## Listen\n\n- **Bold** and *italic*\n- <script>alert(1)</script>\n\n1. [Study](https://example.org/x)\n2. [Run](javascript:alert(1))\n\n> Said it\n>\n> — Jan Carlzon',
        )}
      />,
    );
    expect(screen.getByRole('heading', { level: 4, name: 'Listen' })).toBeInTheDocument();
    expect(screen.getByText('Bold').tagName).toBe('STRONG');
    expect(screen.getByText('italic').tagName).toBe('EM');
    expect(screen.getByText('<script>alert(1)</script>')).toBeInTheDocument();
    expect(container.querySelector('script, a, img, iframe')).toBeNull();
    expect(screen.getByText('(example.org/x)')).toBeInTheDocument();
    expect(screen.getByText('Run')).toBeInTheDocument();
    expect(container.querySelector('figcaption')).toHaveTextContent('— Jan Carlzon');
    expect(container.querySelector('ol')).toHaveAttribute('start', '1');
  });
});

describe('ContentScreen', () => {
  it('lays out each kind of slide', () => {
    const { rerender } = render(
      <ContentScreen
        view={slide({ layout: 'title', heading: 'The Service Pro', body: 'A day' })}
        participantCount={3}
      />,
    );
    expect(screen.getByRole('heading', { name: 'The Service Pro' })).toBeInTheDocument();

    rerender(
      <ContentScreen
        view={slide({ layout: 'quote', body: 'Moments of truth.', attribution: 'Jan Carlzon' })}
        participantCount={3}
      />,
    );
    expect(screen.getByText('Moments of truth.').closest('blockquote')).not.toBeNull();
    expect(screen.getByText('— Jan Carlzon')).toBeInTheDocument();

    rerender(
      <ContentScreen
        view={slide({ layout: 'bigNumber', bigNumber: '1 in 26', caption: 'complain' })}
        participantCount={3}
      />,
    );
    expect(screen.getByText('1 in 26')).toBeInTheDocument();
    expect(screen.getByText('complain')).toBeInTheDocument();

    rerender(
      <ContentScreen
        view={slide({ layout: 'image', imageId: IMAGE, imageAlt: 'A field', caption: 'Lines' })}
        participantCount={3}
      />,
    );
    expect(screen.getByRole('img', { name: 'A field' })).toHaveAttribute(
      'src',
      `/api/images/${IMAGE}`,
    );

    rerender(
      <ContentScreen
        view={slide({ layout: 'twoColumns', heading: 'Two', left: '- Need', right: '- Right' })}
        participantCount={3}
      />,
    );
    expect(screen.getAllByRole('list')).toHaveLength(2);
    expect(screen.getByRole('region', { name: 'Two' })).toHaveAttribute(
      'data-layout',
      'twoColumns',
    );
  });

  it('counts a break down on the session’s timer and says when the room is back', () => {
    vi.useFakeTimers({ now: new Date(2026, 11, 5, 10, 0, 0) });
    const endsAt = Date.now() + 15 * 60_000;
    act(() =>
      useSessionStore.setState({
        screen: { timer: { durationMs: 900_000, endsAt, remainingMs: 900_000 } } as ScreenView,
      }),
    );
    render(<ContentScreen view={slide({ layout: 'break' })} participantCount={3} />);
    expect(screen.getByRole('heading', { name: 'Break' })).toBeInTheDocument();
    expect(screen.getByRole('timer', { name: 'Time left in the break' })).toHaveTextContent(
      '15:00',
    );
    expect(screen.getByText('Back at 10:15')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(61_000);
    });
    expect(screen.getByRole('timer')).toHaveTextContent('13:59');
  });

  it('shows a break without a timer with its own time, and no countdown', () => {
    render(
      <ContentScreen
        view={slide({ layout: 'break', heading: 'Lunch', backAt: '13:30' })}
        participantCount={3}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Lunch' })).toBeInTheDocument();
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByText('Back at 13:30')).toBeInTheDocument();
  });
});

describe('ContentParticipant', () => {
  const props = { own: null, isOpen: false, act: () => Promise.resolve(accepted) };

  it('shows a compact slide with the phone-sized image', () => {
    render(
      <ContentParticipant
        {...props}
        view={{
          phoneMode: 'compact',
          slide: slide({
            layout: 'image',
            heading: 'The field',
            imageId: IMAGE,
            imageAlt: 'A field',
          }),
        }}
      />,
    );
    const article = screen.getByRole('article', { name: 'The field' });
    expect(within(article).getByRole('img', { name: 'A field' })).toHaveAttribute(
      'src',
      `/api/images/${IMAGE}/phone`,
    );
  });

  it('says to look at the screen, with only the heading', () => {
    render(
      <ContentParticipant
        {...props}
        view={{ phoneMode: 'lookAtScreen', heading: 'Carlzon', layout: 'quote' }}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Carlzon' })).toBeInTheDocument();
    expect(screen.getByText('Look at the screen')).toBeInTheDocument();
  });
});

describe('ContentConfigEditor', () => {
  function Editor({ initial }: { initial: ContentConfig }) {
    const [config, setConfig] = useState(initial);
    return (
      <>
        <ContentConfigEditor config={config} onChange={setConfig} idPrefix="r1" />
        <pre data-testid="config">{JSON.stringify(config)}</pre>
      </>
    );
  }
  const current = () =>
    JSON.parse(screen.getByTestId('config').textContent ?? '{}') as ContentConfig;

  it('shows the fields of the chosen layout and previews the slide live', () => {
    render(<Editor initial={contentSlide({ layout: 'bullets', heading: 'Why' })} />);
    fireEvent.change(screen.getByLabelText(/^Text \(Markdown/), {
      target: { value: '- **Listen**' },
    });
    const preview = screen.getByRole('region', { name: 'Preview' });
    expect(within(preview).getByText('Listen').tagName).toBe('STRONG');
    expect(screen.queryByLabelText('Who said it')).toBeNull();

    fireEvent.change(screen.getByLabelText('Layout'), { target: { value: 'quote' } });
    fireEvent.change(screen.getByLabelText('Who said it'), { target: { value: 'Earl Shorris' } });
    expect(within(preview).getByText('— Earl Shorris')).toBeInTheDocument();

    fireEvent.click(screen.getByLabelText('Say “Look at the screen”'));
    expect(current()).toMatchObject({
      layout: 'quote',
      body: '- **Listen**',
      attribution: 'Earl Shorris',
      phoneMode: 'lookAtScreen',
    });
  });

  it('uploads an image and keeps what was typed meanwhile', async () => {
    let answer: (value: Response) => void = () => undefined;
    const fetchMock = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(() => new Promise<Response>((resolve) => (answer = resolve)));
    render(<Editor initial={contentSlide({ layout: 'image' })} />);
    const file = new File([new Uint8Array([0x89, 0x50])], 'field.png', { type: 'image/png' });
    fireEvent.change(screen.getByLabelText(/Upload an image/), { target: { files: [file] } });
    expect(screen.getByRole('status')).toHaveTextContent('Uploading…');
    fireEvent.change(screen.getByLabelText(/Describe the image/), {
      target: { value: 'A field' },
    });
    act(() => {
      answer(new Response(JSON.stringify({ id: IMAGE, width: 10, height: 10 }), { status: 201 }));
    });
    await waitFor(() => expect(current()).toMatchObject({ imageId: IMAGE, imageAlt: 'A field' }));
    expect(fetchMock).toHaveBeenCalledWith('/api/images', expect.objectContaining({ body: file }));
    expect(screen.getByLabelText(/Replace the image/)).toBeInTheDocument();
  });

  it('shows the server’s refusal of an upload', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(
        JSON.stringify({
          error: { code: 'BAD_REQUEST', message: 'SVG images are not accepted: upload a PNG' },
        }),
        { status: 400 },
      ),
    );
    render(<Editor initial={contentSlide({ layout: 'image' })} />);
    const file = new File(['<svg/>'], 'x.png', { type: 'image/png' });
    fireEvent.change(screen.getByLabelText(/Upload an image/), { target: { files: [file] } });
    expect(await screen.findByRole('alert')).toHaveTextContent('SVG images are not accepted');
    expect(current().imageId).toBeNull();
  });
});
