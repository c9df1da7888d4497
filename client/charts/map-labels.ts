import { fitBlock, fitLine } from './labels';
import { estimateWidth, type Measure } from './text-width';
import type { MapCell } from './treemap';

/** Where a container's header band puts its name, its time left and its "3 below", left to right. */
export interface HeaderLayout {
  fontPx: number;
  /** Size of the time left and the badge. */
  sideFontPx: number;
  /** Baseline-centred y of the band's text. */
  y: number;
  name: { x: number; text: string } | null;
  /** Right edge of the time left (drawn right-aligned, as it changes), or null when there is no room for it. */
  timeLeft: { x: number } | null;
  badge: { x: number; text: string } | null;
}

/** The widest the time left reads in a header ("23 h 59 m left"), kept free so the name never moves as it counts down. */
export const WIDEST_TIME_LEFT = '23 h 59 m left';
const PAD = 6;
const GAP = 10;
/** Characters of a cut name that must still show beside the time left, and beside the "3 below" as well. */
const MIN_BESIDE_TIME = 6;
const MIN_BESIDE_BADGE = 12;

const HEADER_FONT = [22, 20, 15, 12];
/** An id worth showing when the name does not fit: a short code such as ODS's "RW3" or "QOP". */
const looksLikeCode = (id: string) => /^[A-Za-z0-9]{2,6}$/.test(id);
export const codeOf = (cell: MapCell) => (looksLikeCode(cell.id) ? cell.id : undefined);

export interface HeaderWants {
  glyph: string;
  /** The node holds a signal with a window running: keep room for its time left. */
  timeLeft: boolean;
  /** "3 below", or null. */
  badge: string | null;
}

/**
 * A header band, name first: its time left and its badge are given room only while the name still
 * fits (whole, shortened, cut or as its code), the badge given up first.
 */
export function headerLayout(cell: MapCell, wants: HeaderWants, measure: Measure = estimateWidth): HeaderLayout {
  const maxFont = Math.min(HEADER_FONT[cell.depth] ?? 12, Math.floor(cell.header * 0.68));
  const minFont = Math.min(maxFont, cell.depth <= 1 ? 11 : 10);
  const sideFont = Math.min(maxFont, 15);
  const y = cell.y + cell.header / 2 + 1;
  const prefix = wants.glyph ? `${wants.glyph}\u00a0` : '';
  const attempt = (timeLeft: boolean, badge: string | null): HeaderLayout | null => {
    const badgeWidth = badge ? measure(badge, sideFont) + GAP : 0;
    const timeWidth = timeLeft ? measure(WIDEST_TIME_LEFT, sideFont) + GAP : 0;
    const room = cell.width - 2 * PAD - badgeWidth - timeWidth;
    const name = room > 0 ? fitLine(cell.name, room, { maxFont, minFont, prefix, code: codeOf(cell), measure }) : null;
    // Beside the time left, the name must still say where; beside the badge too, it must say it well.
    const kept = name === null ? 0 : name.text.endsWith('…') ? name.text.length - prefix.length - 1 : Infinity;
    if ((timeLeft && kept < MIN_BESIDE_TIME) || (badge && kept < MIN_BESIDE_BADGE)) return null;
    const right = cell.x + cell.width - PAD;
    return {
      fontPx: name?.fontPx ?? minFont,
      sideFontPx: sideFont,
      y,
      name: name ? { x: cell.x + PAD, text: name.text } : null,
      timeLeft: timeLeft ? { x: right - badgeWidth } : null,
      badge: badge ? { x: right, text: badge } : null,
    };
  };
  return attempt(wants.timeLeft, wants.badge) ?? attempt(wants.timeLeft, null) ?? attempt(false, null)!;
}

/** A leaf's name (on up to three lines), and the line under it for its time left when it holds a signal. */
export interface LeafLayout {
  lines: string[];
  fontPx: number;
  x: number;
  /** Baseline of each line. */
  ys: number[];
  timeLeft: { y: number; fontPx: number } | null;
  /** Below the last line: where more can go (the node's figures). */
  bottom: number;
  /** The state's glyph, when it could not lead the name: at the end of the line with room for it, or null. */
  glyph: { x: number; y: number } | null;
}

const LEAF_PAD = 5;
/** Kept clear at the foot of every leaf for the lamp's bar. */
const BAR_ROOM = 7;
const LINE_HEIGHT = 1.2;

export function leafLayout(cell: MapCell, glyph: string, timeLeft: boolean, measure: Measure = estimateWidth): LeafLayout | null {
  const minFont = 10;
  const width = cell.width - 2 * LEAF_PAD;
  const timeFont = Math.max(minFont, Math.min(16, Math.floor(cell.height * 0.16)));
  const timeRoom = timeLeft ? timeFont * LINE_HEIGHT : 0;
  const height = cell.height - LEAF_PAD - BAR_ROOM - timeRoom;
  // Too small for even a code: most cells of a big network, rejected before any measuring.
  if (width < 2 * minFont || height < minFont * LINE_HEIGHT) return null;
  const maxFont = cell.depth <= 1 ? 26 : 16;
  const options = { maxFont, minFont, code: codeOf(cell), measure, lineHeight: LINE_HEIGHT };
  // The glyph leads the name where it can; where it cannot, the name comes first and the glyph goes where there is room.
  const led = glyph ? fitBlock(cell.name, width, height, { ...options, prefix: `${glyph}\u00a0` }) : null;
  const block = led ?? fitBlock(cell.name, width, height, options);
  if (!block) return null;
  const step = block.fontPx * LINE_HEIGHT;
  const ys = block.lines.map((_, i) => cell.y + LEAF_PAD + step * i + block.fontPx * 0.92);
  const bottom = cell.y + LEAF_PAD + step * block.lines.length;
  let glyphAt: LeafLayout['glyph'] = null;
  if (glyph && !led) {
    const line = block.lines.findIndex((text) => measure(`${text} ${glyph}`, block.fontPx) <= width);
    if (line >= 0) glyphAt = { x: cell.x + cell.width - LEAF_PAD, y: ys[line]! };
  }
  return {
    lines: block.lines,
    fontPx: block.fontPx,
    x: cell.x + LEAF_PAD,
    ys,
    timeLeft: timeLeft ? { y: bottom + timeFont * 0.95, fontPx: timeFont } : null,
    bottom: bottom + timeRoom,
    glyph: glyphAt,
  };
}

/** Layouts remembered for one map layout: the same cell asks again on every render and every second. */
export function labelCache(measure: Measure) {
  const headers = new Map<string, HeaderLayout>();
  const leaves = new Map<string, LeafLayout | null>();
  return {
    measure,
    header(cell: MapCell, wants: HeaderWants): HeaderLayout {
      const key = `${cell.id}\u0000${wants.glyph}\u0000${wants.timeLeft}\u0000${wants.badge}`;
      let known = headers.get(key);
      if (!known) headers.set(key, (known = headerLayout(cell, wants, measure)));
      return known;
    },
    leaf(cell: MapCell, glyph: string, timeLeft: boolean): LeafLayout | null {
      const key = `${cell.id}\u0000${glyph}\u0000${timeLeft}`;
      if (!leaves.has(key)) leaves.set(key, leafLayout(cell, glyph, timeLeft, measure));
      return leaves.get(key)!;
    },
  };
}
export type LabelCache = ReturnType<typeof labelCache>;
