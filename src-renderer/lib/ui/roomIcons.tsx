/** Icons of rooms and messages, drawn like those of icons.tsx. */
import type { ReactNode } from 'react';
import { Svg } from './icons';
import type { IconProps } from './icons';

export function HashIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M8 3.5L6.5 16.5M13.5 3.5L12 16.5M4 7.5h13M3 12.5h13" />
    </Svg>
  );
}

export function LockIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <rect x="4.5" y="8.5" width="11" height="8" rx="1.5" />
      <path d="M7 8.5V6.5a3 3 0 0 1 6 0v2" />
    </Svg>
  );
}

export function SearchIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <circle cx="8.8" cy="8.8" r="5" />
      <path d="M12.6 12.6L16.5 16.5" />
    </Svg>
  );
}

export function BellIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M5.5 13.5V9a4.5 4.5 0 0 1 9 0v4.5l1.2 1.5H4.3zM8.5 17h3" />
    </Svg>
  );
}

export function BellOffIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M7 5.4A4.5 4.5 0 0 1 14.5 9v3.2M14 15H4.3l1.2-1.5V9c0-.6.1-1.2.3-1.7M8.5 17h3M3 3l14 14" />
    </Svg>
  );
}

export function PinIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M12 3l5 5-2.5.8-3 3 .3 3.2-1.3 1.2-3-3L4 16.5M7.5 10l3-3 .8-2.5" />
    </Svg>
  );
}

export function SmileIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <circle cx="10" cy="10" r="6.8" />
      <path d="M7.2 11.8a3.3 3.3 0 0 0 5.6 0" />
      <circle cx="7.7" cy="8.3" r="0.5" fill="currentColor" />
      <circle cx="12.3" cy="8.3" r="0.5" fill="currentColor" />
    </Svg>
  );
}

export function ThreadIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M4 4.5h12v7.5H10l-3.5 3v-3H4z" />
      <path d="M7 7.5h6M7 9.5h4" />
    </Svg>
  );
}

export function PencilIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M12.8 4.2l3 3-8.6 8.6-3.7.7.7-3.7zM11.3 5.7l3 3" />
    </Svg>
  );
}

export function TrashIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M4 6h12M8 6V4.3h4V6M5.5 6l.8 10h7.4l.8-10M8.5 9v4.5M11.5 9v4.5" />
    </Svg>
  );
}

export function PeopleIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <circle cx="7.5" cy="7" r="2.7" />
      <path d="M2.8 16a4.7 4.7 0 0 1 9.4 0M13 4.6a2.6 2.6 0 0 1 0 5M14.5 12.2a4.6 4.6 0 0 1 2.7 3.8" />
    </Svg>
  );
}

export function SendIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M3.5 10L16.5 4l-4 12.5-2.8-5.3zM9.7 11.2L16.5 4" />
    </Svg>
  );
}

export function ArrowDownIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M10 4v12M5 11l5 5 5-5" />
    </Svg>
  );
}

export function ArrowUpIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M10 16V4M5 9l5-5 5 5" />
    </Svg>
  );
}

export function ClockIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <circle cx="10" cy="10" r="6.8" />
      <path d="M10 6.2V10l2.6 1.7" />
    </Svg>
  );
}

export function CompassIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <circle cx="10" cy="10" r="6.8" />
      <path d="M12.8 7.2l-1.6 4-4 1.6 1.6-4z" />
    </Svg>
  );
}
