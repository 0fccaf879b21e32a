import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of a URL, as an SVG image (loaded only by the console and the room screen). */
export function QrCode({ text, size, label }: { text: string; size: number; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((svg) => isCurrent && setSrc(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`))
      .catch(() => isCurrent && setSrc(null));
    return () => {
      isCurrent = false;
    };
  }, [text]);
  return src ? (
    <img className="qr" src={src} width={size} height={size} alt={label} />
  ) : (
    <div className="qr" style={{ width: size, height: size }} aria-hidden="true" />
  );
}
