import type { MapCell } from './treemap';

/** The quiet map's colours, read from the style sheet (map.css) so the canvas and the SVG agree. */
export interface MapPalette {
  leaf: string;
  leafLine: string;
  box: string;
  boxLine: string;
  topLine: string;
}

export const PALETTE_PROPERTIES: Record<keyof MapPalette, string> = {
  leaf: '--map-leaf',
  leafLine: '--map-leaf-line',
  box: '--map-box',
  boxLine: '--map-box-line',
  topLine: '--map-top-line',
};

/** The part of a 2D context the painter uses, so a test can record what it draws. */
export type Painter = Pick<CanvasRenderingContext2D, 'setTransform' | 'clearRect' | 'beginPath' | 'rect' | 'fill' | 'stroke'> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  strokeStyle: CanvasRenderingContext2D['strokeStyle'];
  lineWidth: number;
};

/**
 * Every rectangle of the map as it looks when all is well, in one pass per colour: the bodies of
 * regions and districts, then every unit. Lit nodes, names and lamps are drawn over it in SVG, so
 * this is painted again only when the layout changes, never when a state does.
 */
export function paintQuietMap(context: Painter, cells: readonly MapCell[], palette: MapPalette, scale: number, width: number, height: number): void {
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.clearRect(0, 0, width, height);
  const boxes = cells.filter((cell) => cell.container && cell.depth > 0);
  const leaves = cells.filter((cell) => !cell.container && cell.depth > 0);
  const pass = (list: readonly MapCell[], fill: string, line: string, lineWidth: number) => {
    if (list.length === 0) return;
    context.beginPath();
    // Strokes sit on the pixel grid's half-pixels so a 1 px line stays one pixel wide.
    for (const cell of list) context.rect(cell.x + 0.5, cell.y + 0.5, Math.max(0, cell.width - 1), Math.max(0, cell.height - 1));
    context.fillStyle = fill;
    context.fill();
    context.strokeStyle = line;
    context.lineWidth = lineWidth;
    context.stroke();
  };
  pass(boxes.filter((cell) => cell.depth === 1), palette.box, palette.topLine, 1.5);
  pass(boxes.filter((cell) => cell.depth > 1), palette.box, palette.boxLine, 1);
  pass(leaves, palette.leaf, palette.leafLine, 1);
}
