import type { MdBlock, MdDoc, MdInline } from '@playfield/shared/markdown/tree';
import styles from './Markdown.module.css';

/*
 * Renders Playfield's parsed Markdown tree (shared/src/markdown) as React elements: text is
 * always text, links are their words (and address) without an anchor, and nothing is ever
 * injected as HTML. Imports only types from shared, so the phone's bundle stays small.
 */

function Inlines({ nodes }: { nodes: readonly MdInline[] }) {
  return (
    <>
      {nodes.map((node, i) => {
        switch (node.t) {
          case 'text':
            return node.v;
          case 'strong':
            return (
              <strong key={i}>
                <Inlines nodes={node.c} />
              </strong>
            );
          case 'em':
            return (
              <em key={i}>
                <Inlines nodes={node.c} />
              </em>
            );
          case 'link':
            return (
              <span key={i} className={styles.link}>
                <Inlines nodes={node.c} />
                {node.url && (
                  <span className={styles.url}>
                    {' '}
                    ({node.url.replace(/^https?:\/\//, '').replace(/\/$/, '')})
                  </span>
                )}
              </span>
            );
        }
      })}
    </>
  );
}

function Blocks({ blocks, headingBase }: { blocks: readonly MdBlock[]; headingBase: number }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.t) {
          case 'h': {
            const level = Math.min(6, headingBase + block.level - 1);
            const Tag = `h${level}` as 'h2';
            return (
              <Tag key={i} className={styles[`h${block.level}`]}>
                <Inlines nodes={block.c} />
              </Tag>
            );
          }
          case 'p':
            return (
              <p key={i}>
                <Inlines nodes={block.c} />
              </p>
            );
          case 'ul':
          case 'ol': {
            const items = block.items.map((item, j) => (
              <li key={j}>
                <Blocks blocks={item} headingBase={headingBase} />
              </li>
            ));
            return block.t === 'ul' ? (
              <ul key={i}>{items}</ul>
            ) : (
              <ol key={i} start={block.start}>
                {items}
              </ol>
            );
          }
          case 'quote':
            return (
              <figure key={i} className={styles.quote}>
                <blockquote>
                  <Blocks blocks={block.c} headingBase={headingBase} />
                </blockquote>
                {block.by && (
                  <figcaption>
                    — <Inlines nodes={block.by} />
                  </figcaption>
                )}
              </figure>
            );
        }
      })}
    </>
  );
}

/** A parsed Markdown text; its headings start at `headingBase` (h3 under a slide's h2). */
export function Markdown({
  doc,
  headingBase = 3,
  className,
}: {
  doc: MdDoc;
  headingBase?: number;
  className?: string | undefined;
}) {
  if (!doc.blocks.length) return null;
  return (
    <div className={`${styles.markdown} ${className ?? ''}`}>
      <Blocks blocks={doc.blocks} headingBase={headingBase} />
    </div>
  );
}
