import { encode } from 'uqr';
import { useMemo } from 'react';

/** A QR code as one SVG path (crisp at any size, no canvas, nothing inline for the CSP), with its quiet zone. */
export function QrCode({ value, label, testId, size = 176 }: { value: string; label: string; testId?: string; size?: number }) {
  const { d, n } = useMemo(() => {
    const qr = encode(value, { ecc: 'M', border: 4 });
    let path = '';
    qr.data.forEach((row, y) => row.forEach((dark, x) => dark && (path += `M${x} ${y}h1v1h-1z`)));
    return { d: path, n: qr.size };
  }, [value]);
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`0 0 ${n} ${n}`} width={size} height={size} data-testid={testId} data-value={value} shapeRendering="crispEdges">
      <rect width={n} height={n} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}
