import { Component, type ErrorInfo, type ReactNode } from 'react';
import styles from './ErrorBoundary.module.css';

/** What a part of the page says when it throws: the rest of the page keeps working. */
export const PROBLEM_MESSAGE = 'This part of the page hit a problem. The rest still works.';

interface Props {
  /** Names the part in the console log ("route console", "poll Screen"…). */
  label: string;
  children: ReactNode;
  /**
   * What Reload does: by default the part is rendered again (a passing glitch, a view that
   * has since changed); a whole route reloads the page instead.
   */
  onReload?: () => void;
}

interface State {
  error: unknown;
  hasError: boolean;
}

/**
 * Catches a render error below it, logs it to console.error and shows a calm message with
 * a Reload button instead of unmounting the whole app (React leaves a blank page then).
 * Put one around each route and each exercise view, so one bad view costs one panel.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, hasError: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, hasError: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`[playfield] ${this.props.label} failed`, error, info.componentStack);
  }

  private readonly reload = (): void => {
    if (this.props.onReload) this.props.onReload();
    else this.setState({ error: null, hasError: false });
  };

  override render(): ReactNode {
    if (!this.state.hasError) return this.props.children;
    return (
      <div className={styles.problem} role="alert">
        <p>{PROBLEM_MESSAGE}</p>
        <button type="button" className="button button--small" onClick={this.reload}>
          Reload
        </button>
      </div>
    );
  }
}
