import { useMemo } from 'react';
import { qrMatrix } from './device-view';

/**
 * A QR code drawn as an inline SVG of rectangles: no image URL, nothing the Content-Security-Policy forbids.
 * Its side is the smallest whole number of pixels per module that reaches `minPx`, so modules stay sharp.
 */
export function QrCode({ text, label, minPx = 240, testId }: { text: string; label: string; minPx?: number; testId?: string }) {
  const { size, runs } = useMemo(() => qrMatrix(text), [text]);
  const px = Math.ceil(minPx / size) * size;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      data-testid={testId}
      width={px}
      height={px}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      {/* White behind the code whatever the page's colours: scanners need dark on light. */}
      <rect width={size} height={size} fill="#fff" />
      {runs.map((r) => (
        <rect key={`${r.x},${r.y}`} x={r.x} y={r.y} width={r.width} height={1} fill="#000" />
      ))}
    </svg>
  );
}
