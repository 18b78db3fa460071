/**
 * The empty-state picture: a room window with chat bubbles and a digital
 * human's sparkle, tinted with the workspace colour (CSS `--ws-color`, set
 * through classes since SVG attributes cannot read custom properties).
 * Purely decorative, so hidden from assistive technology.
 */
import { useId } from 'react';
import type { ReactNode } from 'react';

const SPARKLE = 'l1.9 4.6 4.6 1.9-4.6 1.9-1.9 4.6-1.9-4.6-4.6-1.9 4.6-1.9z';

export function EmptyStateIllustration(): ReactNode {
  const glowId = `glow-${useId().replace(/:/g, '')}`;
  return (
    <svg className="illustration" viewBox="0 0 320 200" width="320" height="200" aria-hidden="true" focusable="false">
      <defs>
        <radialGradient id={glowId}>
          <stop offset="0" className="ill-stop" stopOpacity="0.3" />
          <stop offset="1" className="ill-stop" stopOpacity="0" />
        </radialGradient>
      </defs>
      <circle cx="160" cy="104" r="100" fill={`url(#${glowId})`} />
      <rect x="64" y="38" width="192" height="128" rx="16" className="ill-surface" />
      <path d="M80 38h160a16 16 0 0 1 16 16v10H64V54a16 16 0 0 1 16-16z" className="ill-bar" />
      <circle cx="82" cy="51" r="4" className="ill-dot" />
      <circle cx="95" cy="51" r="4" className="ill-dot" />
      <circle cx="108" cy="51" r="4" className="ill-dot" />
      <circle cx="90" cy="88" r="10" className="ill-person" />
      <rect x="108" y="80" width="84" height="9" rx="4.5" className="ill-line" />
      <rect x="108" y="94" width="56" height="9" rx="4.5" className="ill-line ill-line--soft" />
      <circle cx="230" cy="130" r="10" className="ill-accent" />
      <path d={`M230 123.5${SPARKLE}`} className="ill-on-accent" />
      <rect x="128" y="122" width="88" height="9" rx="4.5" className="ill-accent" opacity="0.85" />
      <rect x="152" y="136" width="64" height="9" rx="4.5" className="ill-accent" opacity="0.45" />
      <g className="ill-float">
        <circle cx="270" cy="54" r="14" className="ill-accent" opacity="0.9" />
        <path d={`M270 47.5${SPARKLE}`} className="ill-on-accent" />
      </g>
      <circle cx="48" cy="150" r="6" className="ill-accent" opacity="0.35" />
      <circle cx="286" cy="160" r="4" className="ill-accent" opacity="0.3" />
    </svg>
  );
}
