/**
 * Inline SVG icons (stroke-based, 20×20 grid, `currentColor`): no icon font,
 * no network, nothing the CSP has to allow.
 */
import type { ReactNode, SVGProps } from 'react';

export type IconProps = SVGProps<SVGSVGElement>;

/** The 20×20 stroke frame every icon draws in. */
export function Svg({ children, ...props }: IconProps & { children: ReactNode }): ReactNode {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export function PlusIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M10 4v12M4 10h12" />
    </Svg>
  );
}

export function GearIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <circle cx="10" cy="10" r="2.6" />
      <path d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />
    </Svg>
  );
}

export function ArchiveIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <rect x="2.8" y="3.5" width="14.4" height="4" rx="1" />
      <path d="M4.2 7.5v7.3a1.2 1.2 0 0 0 1.2 1.2h9.2a1.2 1.2 0 0 0 1.2-1.2V7.5M8 11h4" />
    </Svg>
  );
}

export function MoreIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <circle cx="5" cy="10" r="0.6" fill="currentColor" />
      <circle cx="10" cy="10" r="0.6" fill="currentColor" />
      <circle cx="15" cy="10" r="0.6" fill="currentColor" />
    </Svg>
  );
}

export function CloseIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M5 5l10 10M15 5L5 15" />
    </Svg>
  );
}

export function WarningIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M10 3l7.5 13h-15z" />
      <path d="M10 8.2v3.6M10 14.2v.1" />
    </Svg>
  );
}

export function ChatIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M3.5 5.2a1.7 1.7 0 0 1 1.7-1.7h9.6a1.7 1.7 0 0 1 1.7 1.7v6.3a1.7 1.7 0 0 1-1.7 1.7H9l-3.6 3v-3h-.2a1.7 1.7 0 0 1-1.7-1.7z" />
    </Svg>
  );
}

export function SparkleIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M10 2.8l1.6 4.2 4.2 1.6-4.2 1.6L10 14.4l-1.6-4.2L4.2 8.6l4.2-1.6zM15.5 13.5l.6 1.6 1.6.6-1.6.6-.6 1.6-.6-1.6-1.6-.6 1.6-.6z" />
    </Svg>
  );
}

export function PaletteIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M10 2.8a7.2 7.2 0 1 0 0 14.4c1 0 1.5-.7 1.5-1.4 0-1.2-1-1.5-1-2.4 0-.8.6-1.3 1.4-1.3h1.6a3.7 3.7 0 0 0 3.7-3.7c0-3.1-3.2-5.6-7.2-5.6z" />
      <circle cx="6.6" cy="9" r="0.5" fill="currentColor" />
      <circle cx="9" cy="6.2" r="0.5" fill="currentColor" />
      <circle cx="12.6" cy="6.8" r="0.5" fill="currentColor" />
    </Svg>
  );
}

export function CheckIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M4.5 10.5l3.5 3.5 7.5-8" />
    </Svg>
  );
}

export function CloudIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M6 15.5h8.2a3.3 3.3 0 0 0 .4-6.6A4.8 4.8 0 0 0 5.4 8.1 3.7 3.7 0 0 0 6 15.5z" />
    </Svg>
  );
}

export function CloudOffIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M8 5.2a4.8 4.8 0 0 1 6.6 3.7 3.3 3.3 0 0 1 1.9 5.8M13 15.5H6a3.7 3.7 0 0 1-.8-7.3M3 3l14 14" />
    </Svg>
  );
}

export function SyncIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M15.5 8.5A5.7 5.7 0 0 0 5.3 6.4M4.5 11.5a5.7 5.7 0 0 0 10.2 2.1" />
      <path d="M5 3.5v3h3M15 16.5v-3h-3" />
    </Svg>
  );
}

export function LaptopIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <rect x="4" y="4.5" width="12" height="8.5" rx="1.2" />
      <path d="M2.5 15.5h15" />
    </Svg>
  );
}

/** A tray with an arrow coming in: importing something. */
export function ImportIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M10 3v9M6.5 8.5 10 12l3.5-3.5M3.5 12.5v2.3a1.2 1.2 0 0 0 1.2 1.2h10.6a1.2 1.2 0 0 0 1.2-1.2v-2.3" />
    </Svg>
  );
}
