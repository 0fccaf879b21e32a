import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  CONTENT_LAYOUTS,
  CONTENT_LIMITS,
  contentSlideView,
  layoutName,
  type ContentConfig,
  type ContentLayout,
} from '@playfield/shared/exercises/content/index';
import { ErrorAlert, PromptField, RadioGroup, TextField } from '../../components/form/index.ts';
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
  image: new Set(['heading', 'imageId', 'imageAlt', 'caption']),
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

/** The slide's settings that are free text. */
type TextSetting =
  'heading' | 'bigNumber' | 'caption' | 'body' | 'attribution' | 'left' | 'right' | 'imageAlt';

const PHONE_MODES = [
  ['compact', 'Show the slide'],
  ['lookAtScreen', 'Say “Look at the screen”'],
] as const;

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
  /** One text setting of the slide, shown when its layout has it; `rows` makes it multi-line. */
  const text = (field: TextSetting, label: string, limit: number, rows?: number): ReactNode => {
    if (!shows.has(field)) return null;
    const props = {
      id: id(field),
      label,
      value: config[field],
      maxLength: limit,
      onChange: (value: string) => set(field, value),
    };
    return rows === undefined ? <TextField {...props} /> : <PromptField {...props} rows={rows} />;
  };

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
      <label className="field">
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
      {text(
        'heading',
        config.layout === 'break' ? 'Heading (e.g. Lunch; empty: Break)' : 'Slide heading',
        CONTENT_LIMITS.heading,
      )}
      {text('bigNumber', 'Big number (e.g. 87%)', CONTENT_LIMITS.bigNumber)}
      {shows.has('imageId') && (
        <fieldset className="field">
          <legend>Image</legend>
          <label className="field">
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
          <ErrorAlert message={upload.error} />
          {text(
            'imageAlt',
            'Describe the image (for people who cannot see it)',
            CONTENT_LIMITS.imageAlt,
          )}
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
      {text('caption', 'Caption', CONTENT_LIMITS.caption)}
      {text(
        'body',
        BODY_LABEL[config.layout],
        CONTENT_LIMITS.body,
        config.layout === 'title' ? 2 : 6,
      )}
      {text('attribution', 'Who said it', CONTENT_LIMITS.attribution)}
      {shows.has('left') && (
        <div className={styles.columns}>
          {text('left', 'Left column (Markdown)', CONTENT_LIMITS.column, 6)}
          {text('right', 'Right column (Markdown)', CONTENT_LIMITS.column, 6)}
        </div>
      )}
      {shows.has('backAt') && (
        <label className="field">
          <span>Back at (optional; else the timer’s end)</span>
          <input
            id={id('backAt')}
            type="time"
            value={config.backAt}
            onChange={(e) => set('backAt', e.target.value)}
          />
        </label>
      )}
      <RadioGroup
        legend="On phones"
        name={id('phoneMode')}
        value={config.phoneMode}
        options={PHONE_MODES}
        onChange={(phoneMode) => set('phoneMode', phoneMode)}
      />
      <section aria-label="Preview" className={styles.preview}>
        <Slide slide={preview} headingLevel={3} />
      </section>
    </div>
  );
}
