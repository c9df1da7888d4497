import { abbreviate, cutToWidth, fitBlock, fitLabel, fitLine, nameForms } from '../../client/charts/labels';
import { estimateWidth } from '../../client/charts/text-width';

const MFT = 'Manchester University NHS Foundation Trust';
const HWE = 'NHS Hertfordshire and West Essex Integrated Care Board';
/** Width in pixels of a text at 13 px by the estimate (DejaVu Sans Bold). */
const w13 = (text: string) => estimateWidth(text, 13);

describe('the forms a name can honestly take', () => {
  it.each([
    // A trust: NHS England's own "NHS FT", then the place without the kind of body (the map's level says it).
    [MFT, [MFT, 'Manchester University NHS\u00a0FT', 'Manchester University']],
    // An ICB: "ICB" as NHS England writes it, then the place alone.
    [HWE, [HWE, 'NHS Hertfordshire and West Essex ICB', 'Hertfordshire and West Essex']],
    // "NHS" leads an ICB's name even when the place is one word.
    ['NHS Devon Integrated Care Board', ['NHS Devon Integrated Care Board', 'NHS Devon ICB', 'Devon']],
    // An NHS trust has no abbreviation of its own, only the core.
    ['Isle of Wight NHS Trust', ['Isle of Wight NHS Trust', 'Isle of Wight']],
    // A leading "The" and a trailing ", NHS FT" both go in the core; the commas inside stay.
    ["The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust",
      ["The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", "The Queen Elizabeth Hospital, King's Lynn, NHS\u00a0FT", "Queen Elizabeth Hospital, King's Lynn"]],
    // A hospital trust's place, last: across a room "Bedfordshire" reads where "Bedfordshire Hosp…" did not.
    ['Bedfordshire Hospitals NHS Foundation Trust', ['Bedfordshire Hospitals NHS Foundation Trust', 'Bedfordshire Hospitals NHS\u00a0FT', 'Bedfordshire Hospitals', 'Bedfordshire']],
    // "Teaching Hospitals" goes as one.
    ['Lancashire Teaching Hospitals NHS Foundation Trust', ['Lancashire Teaching Hospitals NHS Foundation Trust', 'Lancashire Teaching Hospitals NHS\u00a0FT', 'Lancashire Teaching Hospitals', 'Lancashire']],
    // A leading "University Hospitals of" goes too.
    ['University Hospitals of Leicester NHS Trust', ['University Hospitals of Leicester NHS Trust', 'University Hospitals of Leicester', 'Leicester']],
    // A community trust keeps its kind: "Sussex" alone would be another body of the same place.
    ['Sussex Community NHS Foundation Trust', ['Sussex Community NHS Foundation Trust', 'Sussex Community NHS\u00a0FT', 'Sussex Community']],
    // A named hospital keeps its name: "Liverpool Heart and Chest", not "Liverpool".
    ['Liverpool Heart and Chest Hospital NHS Foundation Trust', ['Liverpool Heart and Chest Hospital NHS Foundation Trust', 'Liverpool Heart and Chest Hospital NHS\u00a0FT', 'Liverpool Heart and Chest Hospital', 'Liverpool Heart and Chest']],
    // A region's name has nothing to shorten.
    ['North East and Yorkshire', ['North East and Yorkshire']],
    // Runs of spaces in a published name are one space.
    ['Leeds   Royal', ['Leeds Royal']],
  ])('%s', (name, forms) => {
    expect(nameForms(name)).toEqual(forms);
  });
});

describe('abbreviate: the breadcrumb form', () => {
  it.each([
    // An ICB as NHS England writes it, so the top bar stays one line.
    [HWE, 'NHS Hertfordshire and West Essex ICB'],
    // A foundation trust: "NHS FT".
    [MFT, 'Manchester University NHS\u00a0FT'],
    // Nothing to abbreviate: as it is.
    ['North West', 'North West'],
  ])('%s', (name, short) => expect(abbreviate(name)).toBe(short));
});

describe('fitLabel: one line that fits its rectangle', () => {
  it.each([
    // Room for the whole name: the whole name.
    [MFT, 400, MFT],
    // Not for the whole name, but for NHS England's abbreviation: that, not a cut.
    [MFT, w13('Manchester University NHS\u00a0FT') + 1, 'Manchester University NHS\u00a0FT'],
    // Only the place fits whole: the place.
    [MFT, w13('Manchester University') + 1, 'Manchester University'],
    // Less room: the shortest form cut with an ellipsis.
    [MFT, 100, 'Manchester…'],
    // An ICB is cut from its place, not from "NHS Hert…".
    [HWE, 150, 'Hertfordshire and…'],
    // Not even three letters and an ellipsis: the ODS code.
    [MFT, 34, 'R0A'],
    // Not even the code: nothing, rather than a fragment.
    [MFT, 20, null],
    // Capitals are wide: measured as drawn, 14 characters fit where an average-width guess (0.58 em) would have let 19 overflow.
    ['MANCHESTER UNIVERSITY', 150, 'MANCHESTER UNI…'],
  ])('%s in %d px', (name, width, expected) => {
    const text = fitLabel(name, width, 13, { code: 'R0A' });
    expect(text).toBe(expected);
    if (text) expect(w13(text)).toBeLessThanOrEqual(width);
  });

  it('keeps a glyph in front of whatever form it shows', () => {
    expect(fitLabel('North West', 200, 13, { prefix: '◆\u00a0' })).toBe('◆\u00a0North West');
    expect(fitLabel(MFT, 60, 13, { prefix: '◆\u00a0', code: 'R0A' })).toBe('◆\u00a0R0A');
  });

  it('measures with the browser when it is given a measure', () => {
    // A narrow font (every character 5 px wide) fits 20 characters in 100 px.
    const narrow = (text: string) => text.length * 5;
    expect(fitLabel(MFT, 100, 13, { measure: narrow })).toBe('Manchester Universi…');
  });
});

describe('cutting to a width', () => {
  it.each([
    // Fits: unchanged.
    ['Leeds', 200, 'Leeds'],
    // A cut drops the space before the ellipsis.
    ['Leeds General Infirmary', w13('Leeds …') + 1, 'Leeds…'],
    // Fewer than three characters would be left: no cut at all.
    ['Leeds General Infirmary', w13('Le…') + 1, null],
  ])('%s in %d px', (text, width, expected) => {
    expect(cutToWidth(text, width, 13)).toBe(expected);
  });
});

describe('fitBlock: a name on up to three lines in a unit\'s rectangle', () => {
  const block = (name: string, width: number, height: number) => fitBlock(name, width, height, { maxFont: 18, minFont: 10, code: 'R0A' });

  it.each([
    // Wide and tall: the whole name at the largest size, broken between words.
    [MFT, 200, 120, ['Manchester', 'University NHS', 'Foundation Trust'], 18],
    // Narrower: a shorter form at a size that lets it fit whole, rather than a cut.
    [MFT, 120, 50, ['Manchester', 'University'], 18],
    // A hyphenated place breaks at its hyphens.
    ['Stoke-on-Trent General', 60, 40, ['Stoke-', 'on-Trent', 'General'], 11],
    // No form fits whole even at the smallest size: the shortest form, its last line cut.
    ["The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust", 60, 40, ['Queen', 'Elizabeth', 'Hospital…'], 10],
  ])('%s in %d × %d', (name, width, height, lines, fontPx) => {
    const fitted = block(name, width, height)!;
    expect(fitted).toEqual({ lines, fontPx });
    for (const line of fitted.lines) expect(estimateWidth(line, fitted.fontPx)).toBeLessThanOrEqual(width);
    expect(fitted.lines.length * fitted.fontPx * 1.2).toBeLessThanOrEqual(height);
  });

  it('shows the code where not even a word fits, and nothing where the code does not', () => {
    expect(block(MFT, 30, 40)).toEqual({ lines: ['R0A'], fontPx: 10 });
    expect(block(MFT, 18, 40)).toBeNull();
    expect(block(MFT, 200, 9)).toBeNull();
  });
});

describe('fitLine: a header band\'s name at the largest size that fits', () => {
  it.each([
    // A region in a wide band: its name at the largest size.
    ['North West', 300, { text: 'North West', fontPx: 20 }],
    // An ICB in a district's band: a smaller size for the place than cut at the larger one.
    [HWE, 200, { text: 'Hertfordshire and West Essex', fontPx: 11 }],
    // Too narrow even at the smallest size: cut there.
    [HWE, 100, { text: 'Hertfordshire…', fontPx: 11 }],
  ])('%s in %d px', (name, width, expected) => {
    expect(fitLine(name, width, { maxFont: 20, minFont: 11 })).toEqual(expected);
  });
});
