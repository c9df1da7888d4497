import { renderToStaticMarkup } from 'react-dom/server';
import { EpisodeCard } from '../../client/components/EpisodeCard';
import { EpisodeRow } from '../../client/components/EpisodeRow';
import { buildHierarchy } from '../../client/state/hierarchy';
import { periodLabel } from '../../client/state/values';
import { at, breach, episode, indicatorInfo, LEVELS, NODES } from './fixtures';

const tree = buildHierarchy(NODES, LEVELS);
const noop = () => undefined;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the card shows the words of its episode', () => {
  it('a silent unit: what it has not done, and "no report" as its kind', () => {
    const subject = episode({ kind: 'no-report', value: null, period: at(60), openedAt: at(180) });
    const html = renderToStaticMarkup(<EpisodeCard episode={subject} tree={tree} indicator={indicatorInfo()} token={null} canAct={false} onActed={noop} />);
    expect(html).toContain('aria-label="Alert: Manchester University has not reported A&amp;E 4-hour"');
    expect(text(html)).toContain('No report since');
    expect(text(html)).toContain('no report ·');
  });

  it('an episode holding back the district: one line naming it with its figure', () => {
    const subject = episode({ value: 97.4, inhibits: [breach('GM', 97.1)], inhibitedBy: [] });
    const html = renderToStaticMarkup(<EpisodeCard episode={subject} tree={tree} indicator={indicatorInfo()} token={null} canAct={false} onActed={noop} />);
    expect(text(html)).toContain('Opened on 97.4%');
    expect(text(html)).toContain('The district figure is out too: Greater Manchester 97.1%');
  });

  it('a row without its indicator still says what it can', () => {
    const subject = episode({ inhibits: [breach('GM', 97.1)] });
    const html = renderToStaticMarkup(<EpisodeRow episode={subject} tree={tree} token={null} canAct={false} onActed={noop} />);
    expect(text(html)).toContain('· the district figure is out too: Greater Manchester');
    expect(text(html)).not.toContain('97.1');
  });
});

describe('the card says what is wrong, in numbers', () => {
  const figure = (value: number, reported: number, minutes = 60) => ({ period: at(minutes), value, coverage: reported / 42, reported, expected: 42 });
  const occupancy = indicatorInfo({ id: 'occupancy', label: 'G&A bed occupancy', unit: 'ratio', better: 'lower', period: '1d', periodMs: 86_400_000 });
  const render = (subject: ReturnType<typeof episode>, indicator = occupancy) =>
    renderToStaticMarkup(<EpisodeCard episode={subject} tree={tree} indicator={indicator} token={null} canAct={false} onActed={noop} />);
  const district = (overrides: Parameters<typeof episode>[0]) =>
    episode({ node: 'GM', holder: 'ENG', holderLevel: 'national', indicator: 'occupancy', value: 0.962, period: at(0), opening: figure(0.962, 40, 0), now: figure(0.971, 38), ...overrides });

  it('a threshold: the value now big, the bound it is over and what it opened at, how many reported, its course', () => {
    const html = render(district({ cause: { type: 'bound', bound: 'alert', value: 0.95, alert: 0.95, crisis: 0.99, clear: 0.94 }, spark: [{ period: at(-60), value: 0.93 }, { period: at(0), value: 0.962 }, { period: at(60), value: 0.971 }] }));
    expect(html).toMatch(/class="episode-now"[^>]*>97\.1<span class="episode-now-unit">%<\/span>/);
    // The sentence under the big figure does not say the figure again.
    expect(text(html)).toContain(' over the 95% alert bound (opened at 96.2%)');
    expect(text(html)).not.toContain('97.1% —');
    // Which day the figure now is for, how widely it was reported (and the opening figure), how long open.
    expect(text(html)).toContain(`${periodLabel(at(60), 86_400_000)} · reported by 38 of 42 (opened on 40 of 42) · for `);
    expect(html).toContain('class="episode-spark"');
    expect(html).toContain('class="episode-spark-reference"');
    // The sentence says what it opened at: the old "Opened on" line is not repeated.
    expect(text(html)).not.toContain('Opened on');
  });

  it('a Cyberstride step: what was expected before it, in words', () => {
    const html = render(district({ kind: 'step', cause: { type: 'forecast', expected: 0.913, probability: 0.9 } }));
    expect(text(html)).toContain('a step up from about 91% to 96%');
  });

  it('a silent unit: when it last reported, as the big line, and no figure made up', () => {
    const html = render(episode({ kind: 'no-report', value: null, opening: null, now: figure(0.95, 1), cause: { type: 'no-report', lastPeriod: at(0), lastReportAt: '2026-01-03T14:00:00Z' } }));
    expect(html).toMatch(/class="episode-now silent">no report since 3 Jan, \d\d:00</);
    expect(html).not.toContain('95%');
  });

  it('a compact card (bright spots) keeps the number and leaves the drawing out', () => {
    const html = renderToStaticMarkup(
      <EpisodeCard episode={district({ direction: 'pleasure', spark: [{ period: at(0), value: 0.9 }, { period: at(60), value: 0.89 }] })} tree={tree} indicator={occupancy} token={null} canAct={false} compact onActed={noop} />,
    );
    expect(html).toContain('class="episode-now"');
    expect(html).not.toContain('episode-spark');
  });

  it('an indicator the room does not know: no number is guessed at', () => {
    const html = renderToStaticMarkup(<EpisodeCard episode={district({})} tree={tree} indicator={undefined} token={null} canAct={false} onActed={noop} />);
    expect(html).not.toContain('class="episode-now"');
  });
});
