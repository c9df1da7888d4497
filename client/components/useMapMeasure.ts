import { useState } from 'react';
import { canvasMeasure, estimateWidth, type Measure } from '../charts/text-width';

/**
 * Text widths in the room's own font (the map inherits the page's), measured by a canvas, so a name
 * is cut exactly where it would overflow; the estimate where there is no canvas. Labels are drawn
 * bold (650–800): measured at 800, the widest, they never overflow.
 */
export function useMapMeasure(): Measure {
  const [measure] = useState<Measure>(() => {
    const family = typeof document === 'undefined' ? '' : getComputedStyle(document.body).fontFamily;
    return family ? canvasMeasure(family, 800) : estimateWidth;
  });
  return measure;
}
