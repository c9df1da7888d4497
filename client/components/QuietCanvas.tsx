import { memo, useEffect, useRef } from 'react';
import { paintQuietMap, PALETTE_PROPERTIES, type MapPalette } from '../charts/map-canvas';
import type { MapCell } from '../charts/treemap';

/** Every rectangle of the map as it is when all is well, on one canvas, painted again only when the layout changes. */
export const QuietCanvas = memo(function QuietCanvas({ cells, width, height }: { cells: MapCell[]; width: number; height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scale = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const style = getComputedStyle(element);
    const palette = Object.fromEntries(Object.entries(PALETTE_PROPERTIES).map(([key, property]) => [key, style.getPropertyValue(property).trim() || '#1a2430'])) as unknown as MapPalette;
    paintQuietMap(context, cells, palette, scale, width, height);
  }, [cells, width, height, scale]);
  return <canvas ref={canvas} className="map-canvas" width={Math.round(width * scale)} height={Math.round(height * scale)} style={{ width, height }} aria-hidden="true" />;
});
