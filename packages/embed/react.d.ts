// Types of @slotwise/embed/react (react.js).
import type { CSSProperties, ReactElement } from 'react';
import type { SlotwiseOptions } from './index.js';

export interface SlotwiseWidgetProps extends SlotwiseOptions {
  className?: string;
  style?: CSSProperties;
}

export declare function SlotwiseWidget(props: SlotwiseWidgetProps): ReactElement;
export default SlotwiseWidget;
