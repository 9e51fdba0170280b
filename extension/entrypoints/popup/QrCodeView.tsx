import { useEffect, useRef, useState } from 'preact/hooks';
import QRCode from 'qrcode';

/**
 * A QR code (ISO/IEC 18004) drawn on a canvas from `text` by the qrcode package, locally: the
 * text holds secrets and never leaves the popup. Error correction M, quiet zone of 4 modules.
 */
export function QrCodeView({ text, label }: { text: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!canvas.current) return;
    QRCode.toCanvas(canvas.current, text, { errorCorrectionLevel: 'M', margin: 4, width: 280 }).catch(() =>
      setError('This account is too long for a QR code.'),
    );
  }, [text]);
  return (
    <figure style={{ margin: '8px 0', textAlign: 'center' }}>
      <canvas ref={canvas} role="img" aria-label={`QR code for ${label}`} data-testid="qr-canvas" />
      <figcaption class="hint">{error || label}</figcaption>
    </figure>
  );
}
