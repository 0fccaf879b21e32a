import { useEffect, useMemo, useRef, useState } from 'react';
import {
  CONTENT_LAYOUTS,
  CONTENT_LIMITS,
  contentSlideView,
  layoutName,
  type ContentConfig,
  type ContentLayout,
} from '@playfield/shared/exercises/content/index';
import type { ConfigEditorProps } from '../types.ts';
import { Slide } from './Slide.tsx';
import { uploadImage } from './uploadImage.ts';
import styles from './ConfigEditor.module.css';

/** Which fields each layout shows in the editor. */
const FIELDS: Record<ContentLayout, ReadonlySet<keyof ContentConfig>> = {
  title: new Set(['heading', 'body']),
  bullets: new Set(['heading', 'body']),
  quote: new Set(['heading', 'body', 'attribution']),
  bigNumber: new Set(['heading', 'bigNumber', 'caption', 'body']),
  image: new Set(['heading', 'imageId', 'caption']),
  twoColumns: new Set(['heading', 'body', 'left', 'right']),
  break: new Set(['heading', 'backAt', 'body']),
};

const BODY_LABEL: Record<ContentLayout, string> = {
  title: 'Subtitle (Markdown)',
  bullets: 'Text (Markdown: - bullets, 1. numbers, **bold**, *italic*, > quote)',
  quote: 'Quotation (Markdown)',
  bigNumber: 'More text (Markdown, optional)',
  image: 'Text',
  twoColumns: 'Introduction (Markdown, optional)',
  break: 'Note (Markdown, optional)',
};

/** Edits a content slide: layout, text in Markdown, an image, and a live preview. */
export default function ContentConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'content'>) {
  const [upload, setUpload] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  // The upload answers later: it changes the config as it is then, not as it was.
  const latest = useRef(config);
  useEffect(() => {
    latest.current = config;
  }, [config]);
  const shows = FIELDS[config.layout];
  const set = <F extends keyof ContentConfig>(field: F, value: ContentConfig[F]) =>
    onChange({ ...config, [field]: value });
  const preview = useMemo(() => contentSlideView(config), [config]);
  const id = (name: string) => `${idPrefix}-${name}`;

  async function onFile(file: File | undefined) {
    if (!file) return;
    setUpload({ busy: true, error: null });
    const result = await uploadImage(file);
    if (result.ok) {
      onChange({ ...latest.current, imageId: result.data.id });
      setUpload({ busy: false, error: null });
    } else setUpload({ busy: false, error: result.error.message });
  }

  return (
    <div className={`stack stack--tight ${styles.editor}`}>
      <label className="field" htmlFor={id('layout')}>
        <span>Layout</span>
        <select
          id={id('layout')}
          value={config.layout}
          onChange={(e) => set('layout', e.target.value as ContentLayout)}
        >
          {CONTENT_LAYOUTS.map((layout) => (
            <option key={layout} value={layout}>
              {layoutName(layout)}
            </option>
          ))}
        </select>
      </label>
      {shows.has('heading') && (
        <label className="field" htmlFor={id('heading')}>
          <span>
            {config.layout === 'break' ? 'Heading (e.g. Lunch; empty: Break)' : 'Slide heading'}
          </span>
          <input
            id={id('heading')}
            value={config.heading}
            maxLength={CONTENT_LIMITS.heading}
            onChange={(e) => set('heading', e.target.value)}
          />
        </label>
      )}
      {shows.has('bigNumber') && (
        <label className="field" htmlFor={id('bigNumber')}>
          <span>Big number (e.g. 87%)</span>
          <input
            id={id('bigNumber')}
            value={config.bigNumber}
            maxLength={CONTENT_LIMITS.bigNumber}
            onChange={(e) => set('bigNumber', e.target.value)}
          />
        </label>
      )}
      {shows.has('imageId') && (
        <fieldset className="field">
          <legend>Image</legend>
          <label className="field" htmlFor={id('image')}>
            <span>
              {config.imageId ? 'Replace the image' : 'Upload an image'} (PNG, JPEG or WebP, at most
              5 MB)
            </span>
            <input
              id={id('image')}
              type="file"
              accept="image/png,image/jpeg,image/webp"
              disabled={upload.busy}
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
          </label>
          {upload.busy && <p role="status">Uploading…</p>}
          {upload.error && (
            <p role="alert" className="error">
              {upload.error}
            </p>
          )}
          <label className="field" htmlFor={id('imageAlt')}>
            <span>Describe the image (for people who cannot see it)</span>
            <input
              id={id('imageAlt')}
              value={config.imageAlt}
              maxLength={CONTENT_LIMITS.imageAlt}
              onChange={(e) => set('imageAlt', e.target.value)}
            />
          </label>
          {config.imageId && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => onChange({ ...config, imageId: null, imageAlt: '' })}
            >
              Remove the image
            </button>
          )}
        </fieldset>
      )}
      {shows.has('caption') && (
        <label className="field" htmlFor={id('caption')}>
          <span>Caption</span>
          <input
            id={id('caption')}
            value={config.caption}
            maxLength={CONTENT_LIMITS.caption}
            onChange={(e) => set('caption', e.target.value)}
          />
        </label>
      )}
      {shows.has('body') && (
        <label className="field" htmlFor={id('body')}>
          <span>{BODY_LABEL[config.layout]}</span>
          <textarea
            id={id('body')}
            value={config.body}
            rows={config.layout === 'title' ? 2 : 6}
            maxLength={CONTENT_LIMITS.body}
            onChange={(e) => set('body', e.target.value)}
          />
        </label>
      )}
      {shows.has('attribution') && (
        <label className="field" htmlFor={id('attribution')}>
          <span>Who said it</span>
          <input
            id={id('attribution')}
            value={config.attribution}
            maxLength={CONTENT_LIMITS.attribution}
            onChange={(e) => set('attribution', e.target.value)}
          />
        </label>
      )}
      {shows.has('left') && (
        <div className={styles.columns}>
          <label className="field" htmlFor={id('left')}>
            <span>Left column (Markdown)</span>
            <textarea
              id={id('left')}
              value={config.left}
              rows={6}
              maxLength={CONTENT_LIMITS.column}
              onChange={(e) => set('left', e.target.value)}
            />
          </label>
          <label className="field" htmlFor={id('right')}>
            <span>Right column (Markdown)</span>
            <textarea
              id={id('right')}
              value={config.right}
              rows={6}
              maxLength={CONTENT_LIMITS.column}
              onChange={(e) => set('right', e.target.value)}
            />
          </label>
        </div>
      )}
      {shows.has('backAt') && (
        <label className="field" htmlFor={id('backAt')}>
          <span>Back at (optional; else the timer’s end)</span>
          <input
            id={id('backAt')}
            type="time"
            value={config.backAt}
            onChange={(e) => set('backAt', e.target.value)}
          />
        </label>
      )}
      <fieldset className="field">
        <legend>On phones</legend>
        <label className="check">
          <input
            type="radio"
            name={id('phoneMode')}
            checked={config.phoneMode === 'compact'}
            onChange={() => set('phoneMode', 'compact')}
          />
          Show the slide
        </label>
        <label className="check">
          <input
            type="radio"
            name={id('phoneMode')}
            checked={config.phoneMode === 'lookAtScreen'}
            onChange={() => set('phoneMode', 'lookAtScreen')}
          />
          Say “Look at the screen”
        </label>
      </fieldset>
      <section aria-label="Preview" className={styles.preview}>
        <Slide slide={preview} headingLevel={3} />
      </section>
    </div>
  );
}
