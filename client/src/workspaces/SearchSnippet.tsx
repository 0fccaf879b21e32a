import styles from './SearchSnippet.module.css';
import type { SnippetPart } from './workspaceApi.ts';

/**
 * A few words of a notebook around a search's match, the matched words marked. The
 * pieces come as data and are rendered as text (never as HTML), so a notebook's own
 * angle brackets show as written.
 */
export function SearchSnippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <p className={styles.snippet}>
      <span className="visually-hidden">Found in the notebook: </span>
      {parts.map((part, i) =>
        part.isMatch ? (
          <mark key={i} className={styles.match}>
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
