/** How wide a text is drawn at a font size, in pixels. */
export type Measure = (text: string, fontPx: number) => number;

/**
 * Advance widths (thousandths of an em) of the printable ASCII characters, space to tilde, in
 * DejaVu Sans Bold: the widest of the fonts the room falls back to (it is what Debian's Chromium
 * draws for system-ui), so an estimate from it never overflows where a narrower font is used.
 */
const ASCII_EM = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838,
  580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365,
  457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582,
  712, 365, 712, 838,
];
/** Anything else (…, ◆, ▲, letters with accents) is counted a full em: never narrower than it is. */
const OTHER_EM = 1000;

/** The width estimated from the table, character by character, for bold text. */
export const estimateWidth: Measure = (text, fontPx) => {
  let em = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    em += code >= 32 && code < 127 ? ASCII_EM[code - 32]! : code === 0xa0 ? ASCII_EM[0]! : OTHER_EM;
  }
  return (em / 1000) * fontPx;
};

/**
 * The width as the browser will draw it, from a canvas's measureText in the map's own font; the
 * estimate where there is no canvas (tests, a browser without one). Widths are remembered, as the
 * same names are measured at the same sizes whenever the map is laid out.
 */
export function canvasMeasure(fontFamily: string, fontWeight: number | string): Measure {
  const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return estimateWidth;
  const known = new Map<string, number>();
  let font = '';
  return (text, fontPx) => {
    const key = `${fontPx}\u0000${text}`;
    const width = known.get(key);
    if (width !== undefined) return width;
    const wanted = `${fontWeight} ${fontPx}px ${fontFamily}`;
    if (font !== wanted) context.font = font = wanted;
    const measured = context.measureText(text).width;
    if (known.size > 20_000) known.clear();
    known.set(key, measured);
    return measured;
  };
}
