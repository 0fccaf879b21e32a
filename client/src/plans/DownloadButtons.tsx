/** One download's file format (the export route's last part) and its button's label. */
export type DownloadFormat<F extends string> = readonly [format: F, label: string];

/**
 * A row of buttons, one a file format, all disabled while a download is under way; the
 * caller downloads the format pressed (`useDownload`'s `run`) and shows `DownloadNote`.
 */
export function DownloadButtons<F extends string>({
  formats,
  isBusy,
  onDownload,
  buttonClass = 'button button--small',
}: {
  formats: readonly DownloadFormat<F>[];
  isBusy: boolean;
  onDownload: (format: F) => void;
  buttonClass?: string;
}) {
  return (
    <div className="actions">
      {formats.map(([format, label]) => (
        <button
          key={format}
          type="button"
          className={buttonClass}
          disabled={isBusy}
          onClick={() => onDownload(format)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
