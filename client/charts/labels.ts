import { estimateWidth, type Measure } from './text-width';

/**
 * Names that fit their rectangle on the map: measured, never overflowing, cut with an ellipsis only
 * when no honest shorter form fits, and the node's code (an ODS code) when not even three letters would.
 */

/** Abbreviations NHS England itself writes, so a short form still says exactly what the long one does. */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bIntegrated Care Board\b/i, 'ICB'],
  // A no-break space: "NHS FT" is one word, never "NHS" ending a line and "FT" alone on the next.
  [/\bNHS Foundation Trust\b/i, 'NHS\u00a0FT'],
  [/\bFoundation Trust\b/i, 'FT'],
];
/** What kind of organisation it is, which the level of the map already says: dropped in the shortest form. */
const KIND_AT_END = /,?\s+(ICB|NHS\u00a0FT|NHS Trust|FT)$/i;
const NHS_AT_START = /^NHS\s+(?=\S)/i;
const THE_AT_START = /^The\s+/i;
/**
 * The kind of hospital body, which the map does not need to say where room is short: "Bedfordshire
 * Hospitals" is "Bedfordshire", "University Hospitals of Leicester" is "Leicester". Only hospital
 * words go, never "Community", "Partnership" or "Care", so two bodies of one place stay apart
 * ("Sussex Community" beside "University Hospitals Sussex" → "Sussex").
 */
const HOSPITALS_AT_END = /\s+(University\s+)?(Teaching\s+)?Hospitals?$/i;
const HOSPITALS_AT_START = /^University\s+Hospitals\s+(of\s+)?(?=\S)/i;

/** The name as NHS England abbreviates it ("NHS Devon ICB", "Mid Cheshire Hospitals NHS FT"): the top bar's breadcrumbs, which would wrap on three lines. */
export const abbreviate = (name: string): string => ABBREVIATIONS.reduce((text, [pattern, short]) => text.replace(pattern, short), name);

/** The name, then its abbreviated form, then its core (no "NHS", no "Integrated Care Board"), then its place (no "Hospitals"): each only if different. */
export function nameForms(name: string): string[] {
  const forms = [name.trim().replace(/[ \t\n]+/g, ' ')];
  const abbreviated = abbreviate(forms[0]!);
  if (abbreviated !== forms[0]) forms.push(abbreviated);
  const core = abbreviated.replace(KIND_AT_END, '').replace(NHS_AT_START, '').replace(THE_AT_START, '').trim();
  if (core.length >= 3 && !forms.includes(core)) forms.push(core);
  const place = core.replace(HOSPITALS_AT_END, '').replace(HOSPITALS_AT_START, '').trim();
  if (place.length >= 3 && !forms.includes(place)) forms.push(place);
  return forms;
}

/** Fewest characters a cut name keeps before its ellipsis; below that the code says more. */
export const MIN_KEPT = 3;

/** The text cut at the end to `width` with an ellipsis, keeping at least `MIN_KEPT` characters; null when even that is too wide. */
export function cutToWidth(text: string, width: number, fontPx: number, measure: Measure = estimateWidth): string | null {
  if (measure(text, fontPx) <= width) return text;
  // The longest prefix that fits with its ellipsis: widths grow with length, so search by halves.
  let low = MIN_KEPT - 1;
  let high = text.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(`${text.slice(0, mid).trimEnd()}…`, fontPx) <= width) low = mid;
    else high = mid - 1;
  }
  return low >= MIN_KEPT ? `${text.slice(0, low).trimEnd()}…` : null;
}

export interface FitOptions {
  /** Shown when not even three letters of the name fit: the node's code (e.g. "RW3"). */
  code?: string;
  /** Put before every form, e.g. the state's glyph and a no-break space, "◆\u00a0", so the glyph never sits alone on a line. */
  prefix?: string;
  measure?: Measure;
}

/**
 * One line of at most `width` pixels at `fontPx`: the name whole if it fits; else the first of its
 * shorter forms that fits whole; else the shortest form cut with an ellipsis; else the code; else null.
 */
export function fitLabel(name: string, width: number, fontPx: number, options: FitOptions = {}): string | null {
  const { prefix = '', measure = estimateWidth } = options;
  const forms = nameForms(name).map((form) => prefix + form);
  for (const form of forms) if (measure(form, fontPx) <= width) return form;
  const cut = cutToWidth(forms[forms.length - 1]!, width, fontPx, measure);
  if (cut !== null && cut.length - prefix.length > MIN_KEPT) return cut;
  if (options.code && measure(prefix + options.code, fontPx) <= width) return prefix + options.code;
  return null;
}

/** Words, and the parts of hyphenated words, each with what joins it to the next ("Stoke-" + "on-" + "Trent"). A no-break space (after a glyph) holds. */
function tokens(text: string): string[] {
  return text.split(/ +/).flatMap((word) => word.split(/(?<=-)/)).filter(Boolean);
}
const join = (a: string, b: string) => (a === '' ? b : a.endsWith('-') ? a + b : `${a} ${b}`);

/** Greedy line breaking into at most `maxLines` lines; what does not fit goes on the last, cut. `whole` when nothing was cut. */
function wrap(text: string, width: number, fontPx: number, maxLines: number, measure: Measure): { lines: string[]; whole: boolean } | null {
  const words = tokens(text);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i += 1) {
    const tried = join(line, words[i]!);
    if (measure(tried, fontPx) <= width) {
      line = tried;
      continue;
    }
    if (line !== '' && lines.length < maxLines - 1) {
      // Start a new line with this word.
      lines.push(line);
      line = '';
      i -= 1;
      continue;
    }
    // The last line, or a word wider than a whole line: the rest of the name here, cut.
    const cut = cutToWidth(words.slice(i).reduce(join, line), width, fontPx, measure);
    if (cut !== null) lines.push(cut);
    return lines.length > 0 ? { lines, whole: false } : null;
  }
  if (line !== '') lines.push(line);
  return { lines, whole: true };
}

export interface BlockLabel {
  lines: string[];
  fontPx: number;
}

export interface BlockOptions extends FitOptions {
  maxFont: number;
  minFont: number;
  lineHeight?: number;
  maxLines?: number;
}

/**
 * A name on up to `maxLines` lines inside `width` × `height`: the largest font at which some form of
 * the name fits whole; if none does at `minFont`, the shortest form at `minFont`, its last line cut;
 * if not even that, one line (or the code) as fitLabel gives it; null when nothing readable fits.
 */
export function fitBlock(name: string, width: number, height: number, options: BlockOptions): BlockLabel | null {
  const { prefix = '', measure = estimateWidth, lineHeight = 1.2, maxLines = 3 } = options;
  const maxFont = Math.min(options.maxFont, Math.floor(height / lineHeight));
  if (maxFont < options.minFont) return null;
  const forms = nameForms(name).map((form) => prefix + form);
  const linesAt = (fontPx: number) => Math.max(1, Math.min(maxLines, Math.floor(height / (fontPx * lineHeight))));
  const wholeAt = (fontPx: number): string[] | null => {
    for (const form of forms) {
      const wrapped = wrap(form, width, fontPx, linesAt(fontPx), measure);
      if (wrapped?.whole) return wrapped.lines;
    }
    return null;
  };
  // Smaller type fits more, so the largest size that fits whole is found by halves.
  if (wholeAt(options.minFont)) {
    let low = options.minFont;
    let high = maxFont;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (wholeAt(mid)) low = mid;
      else high = mid - 1;
    }
    return { lines: wholeAt(low)!, fontPx: low };
  }
  const fontPx = options.minFont;
  const cut = wrap(forms[forms.length - 1]!, width, fontPx, linesAt(fontPx), measure);
  if (cut && cut.lines.length > 0 && cut.lines[0]!.length - prefix.length > MIN_KEPT) return { lines: cut.lines, fontPx };
  const line = fitLabel(name, width, fontPx, options);
  return line === null ? null : { lines: [line], fontPx };
}

/** The largest font from `maxFont` down to `minFont` at which one line of the name fits whole, else `minFont` with fitLabel's cut. */
export function fitLine(name: string, width: number, options: Omit<BlockOptions, 'maxLines' | 'lineHeight'>): { text: string; fontPx: number } | null {
  const { prefix = '', measure = estimateWidth } = options;
  const forms = nameForms(name).map((form) => prefix + form);
  const fits = (fontPx: number) => forms.some((form) => measure(form, fontPx) <= width);
  if (fits(options.minFont)) {
    let low = options.minFont;
    let high = options.maxFont;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(mid)) low = mid;
      else high = mid - 1;
    }
    return { text: forms.find((form) => measure(form, low) <= width)!, fontPx: low };
  }
  const text = fitLabel(name, width, options.minFont, options);
  return text === null ? null : { text, fontPx: options.minFont };
}
