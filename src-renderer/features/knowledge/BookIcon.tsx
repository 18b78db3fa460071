/** An open book: the knowledge base's entry points. */
import type { ReactNode } from 'react';
import { Svg, type IconProps } from '../../lib/ui/icons';

export function BookIcon(props: IconProps): ReactNode {
  return (
    <Svg {...props}>
      <path d="M10 5.5C8.5 4.3 6.3 3.8 3.5 4v11c2.8-.2 5 .3 6.5 1.5 1.5-1.2 3.7-1.7 6.5-1.5V4c-2.8-.2-5 .3-6.5 1.5zM10 5.5v11" />
    </Svg>
  );
}
