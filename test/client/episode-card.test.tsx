import { renderToStaticMarkup } from 'react-dom/server';
import { EpisodeCard } from '../../client/components/EpisodeCard';
import { EpisodeRow } from '../../client/components/EpisodeRow';
import { buildHierarchy } from '../../client/state/hierarchy';
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
