import { useState } from 'react';
import { QrCode } from '../components/QrCode.tsx';
import { copyText } from '../components/copyText.ts';
import { planPath } from './planLinks.ts';
import styles from './Plans.module.css';
import { PlanSection } from './PlanSection.tsx';

/**
 * The plan's resume link, to open it on a laptop as well: both devices edit the same
 * document at once. The link is the key to the plan, so the page says so.
 */
export function OtherDevice({ resumeToken }: { resumeToken: string }) {
  const [isOpen, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const url = `${location.origin}${planPath(resumeToken)}`;

  async function copy() {
    setCopied(
      (await copyText(url))
        ? 'Link copied'
        : 'Copying is not allowed here: select the link and copy it',
    );
  }

  return (
    <PlanSection id="plan-device-title" title="Open on another device">
      <p className="muted">
        Open your plan on a laptop too and edit it on both at once. Anyone with this link can read
        and change your plan: keep it to yourself.
      </p>
      {isOpen ? (
        <div className={`${styles.planDevice} stack stack--tight`}>
          <label className="field" htmlFor="plan-device-link">
            <span>Your plan’s link</span>
            <input
              id="plan-device-link"
              readOnly
              value={url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
          <div className="actions">
            <button type="button" className="button" onClick={() => void copy()}>
              Copy link
            </button>
            <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
              Hide link
            </button>
          </div>
          <p role="status" className="muted">
            {copied}
          </p>
          <QrCode text={url} size={176} label="QR code of your plan’s link" />
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={() => setOpen(true)}>
            Show the link and QR code
          </button>
        </div>
      )}
    </PlanSection>
  );
}
