import { paintQuietMap, type MapPalette, type Painter } from '../../client/charts/map-canvas';
import { headerLayout, leafLayout, WIDEST_TIME_LEFT } from '../../client/charts/map-labels';
import { estimateWidth } from '../../client/charts/text-width';
import type { MapCell } from '../../client/charts/treemap';
import { hoverWords } from '../../client/components/MapHover';
import { episode } from './fixtures';

const cell = (overrides: Partial<MapCell>): MapCell => ({
  id: 'QD01', name: 'NHS Hertfordshire and West Essex Integrated Care Board', level: 'district', parent: 'Y61', depth: 2,
  x: 100, y: 50, width: 300, height: 200, container: true, header: 20, ...overrides,
});
const inside = (c: MapCell, x: number, width: number) => x >= c.x && x + width <= c.x + c.width;

describe('a header band: name first, then the time left, then "3 below"', () => {
  it.each([
    // Room for all three: the name (here shortened to "… ICB"), the time left kept free at the right, the badge at the edge.
    ['a wide district', cell({ width: 520 }), { glyph: '▲', timeLeft: true, badge: '3 below' }, { name: '▲\u00a0NHS Hertfordshire and West Essex ICB', timeLeft: true, badge: true }],
    // Narrower: the badge gives way so the name and its time left still read.
    ['a narrow district', cell({ width: 260 }), { glyph: '▲', timeLeft: true, badge: '3 below' }, { name: '▲\u00a0Hertfordshire and…', timeLeft: true, badge: false }],
    // Too narrow for a name beside the time left: the name keeps the band.
    ['a very narrow district', cell({ width: 120 }), { glyph: '', timeLeft: true, badge: null }, { name: 'Hertfordshire an…', timeLeft: false, badge: false }],
    // Nothing held, nothing below: the band is the name's.
    ['a quiet region', cell({ name: 'North East and Yorkshire', depth: 1, header: 30, width: 400 }), { glyph: '', timeLeft: false, badge: null }, { name: 'North East and Yorkshire', timeLeft: false, badge: false }],
  ])('%s', (_what, c, wants, expected) => {
    const layout = headerLayout(c, wants);
    expect({ name: layout.name?.text ?? null, timeLeft: layout.timeLeft !== null, badge: layout.badge !== null }).toEqual(expected);
    // Nothing in the band overlaps or leaves it: name, then the widest time left, then the badge.
    const nameEnd = layout.name!.x + estimateWidth(layout.name!.text, layout.fontPx);
    const timeStart = layout.timeLeft ? layout.timeLeft.x - estimateWidth(WIDEST_TIME_LEFT, layout.sideFontPx) : c.x + c.width;
    expect(nameEnd).toBeLessThanOrEqual(timeStart);
    if (layout.badge) expect(inside(c, layout.badge.x - estimateWidth(layout.badge.text, layout.sideFontPx), estimateWidth(layout.badge.text, layout.sideFontPx))).toBe(true);
    expect(inside(c, layout.name!.x, estimateWidth(layout.name!.text, layout.fontPx))).toBe(true);
  });
});

describe('a unit\'s rectangle: its name, and its time left under it', () => {
  const unit = (width: number, height: number) => cell({ id: 'R0A', name: 'Manchester University NHS Foundation Trust', level: 'unit', depth: 3, width, height, container: false, header: 0 });

  it.each([
    // A big unit: the name over lines, the glyph leading it, and a line for the time left below.
    ['a big unit holding a signal', unit(160, 90), '▲', true, { lines: ['▲\u00a0Manchester', 'University', 'NHS\u00a0FT'], time: true }],
    // The same unit not holding: no line kept for a time left.
    ['a big quiet unit', unit(160, 90), '', false, { lines: ['Manchester', 'University', 'NHS\u00a0FT'], time: false }],
    // A small unit: its code.
    ['a small unit', unit(36, 30), '', false, { lines: ['R0A'], time: false }],
    // A unit of a 5,000-unit network (13 px): nothing, and no measuring.
    ['a tiny unit', unit(13, 13), '◆', false, null],
  ])('%s', (_what, c, glyph, timed, expected) => {
    const layout = leafLayout(c, glyph, timed);
    if (expected === null) return expect(layout).toBeNull();
    expect({ lines: layout!.lines, time: layout!.timeLeft !== null }).toEqual(expected);
    for (const line of layout!.lines) expect(inside(c, layout!.x, estimateWidth(line, layout!.fontPx))).toBe(true);
    expect(layout!.bottom).toBeLessThanOrEqual(c.y + c.height);
  });
});

describe('the quiet map on its canvas', () => {
  const palette: MapPalette = { leaf: 'leaf', leafLine: 'leaf-line', box: 'box', boxLine: 'box-line', topLine: 'top-line' };
  const recorder = () => {
    const calls: string[] = [];
    const painter = {
      fillStyle: '', strokeStyle: '', lineWidth: 1,
      setTransform: (...args: number[]) => calls.push(`scale ${args[0]}`),
      clearRect: () => calls.push('clear'),
      beginPath: () => calls.push('path'),
      rect: (x: number, y: number, w: number, h: number) => calls.push(`rect ${x},${y},${w},${h}`),
      fill() { calls.push(`fill ${this.fillStyle}`); },
      stroke() { calls.push(`stroke ${this.strokeStyle}`); },
    };
    return { calls, painter: painter as unknown as Painter };
  };

  it('paints every rectangle below the focus once, boxes before the units inside them, at the screen\'s pixel ratio', () => {
    const { calls, painter } = recorder();
    const cells = [
      cell({ id: 'ENG', depth: 0, x: 0, y: 0, width: 400, height: 300 }),
      cell({ id: 'Y61', depth: 1, x: 2, y: 30, width: 396, height: 268 }),
      cell({ id: 'QD01', depth: 2, x: 4, y: 60, width: 390, height: 230 }),
      cell({ id: 'R0A', depth: 3, x: 6, y: 80, width: 20, height: 20, container: false, header: 0 }),
    ];
    paintQuietMap(painter, cells, palette, 2, 400, 300);
    expect(calls).toEqual([
      'scale 2', 'clear',
      'path', 'rect 2.5,30.5,395,267', 'fill box', 'stroke top-line',
      'path', 'rect 4.5,60.5,389,229', 'fill box', 'stroke box-line',
      'path', 'rect 6.5,80.5,19,19', 'fill leaf', 'stroke leaf-line',
    ]);
  });
});

describe('the words beside the pointer', () => {
  it.each([
    // A quiet unit: its name, its level, normal.
    ['a quiet unit', undefined, 'Manchester Royal (unit) — normal'],
    // A node holding two signals says so.
    ['a holder', { state: 'held' as const, held: [episode(), episode({ id: 'ep2' })] }, 'Manchester Royal (unit) — signal held here, 2 held here'],
    // A unit whose reports stopped says that too.
    ['a silent unit', { state: 'normal' as const, held: [], noReport: true }, 'Manchester Royal (unit) — normal, reports missing'],
  ])('%s', (_what, mark, words) => {
    expect(hoverWords(cell({ id: 'MAN', name: 'Manchester Royal', level: 'unit', container: false }), mark)).toBe(words);
  });
});
