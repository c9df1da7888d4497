import { renderToStaticMarkup } from 'react-dom/server';
import type { Series } from '../../shared/api';
import { EpisodeStory } from '../../client/components/EpisodeStory';
import { buildHierarchy } from '../../client/state/hierarchy';
import { episodeFromPath, pathForEpisode } from '../../client/state/route';
import { at, breach, episode, indicatorInfo, LEVELS, NODES } from './fixtures';

const tree = buildHierarchy(NODES, LEVELS);
const noop = () => undefined;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

/** A&E 4-hour at Manchester University: the unit's window ran out, a crisis took it to the region, the district acknowledged, the region settled it. */
const story = episode({
  severity: 'crisis',
  value: 71.5,
  status: 'resolved',
  holder: 'NW',
  holderLevel: 'region',
  deadline: null,
  resolvedAt: at(300),
  resolvedLevel: 'region',
  acknowledgedBy: 'GM lead',
  reached: ['MFT', 'GM', 'NW', 'ENG'],
  inhibits: [breach('GM', 69.2, { since: at(65) })],
  path: [
    { type: 'opened', at: at(0), holder: 'MFT' },
    { type: 'escalated', at: at(60), from: 'MFT', to: 'GM', reason: 'deadline' },
    { type: 'acknowledged', at: at(70), by: 'GM lead', note: 'Mutual aid from Salford' },
    { type: 'severity', at: at(120), severity: 'crisis' },
    { type: 'escalated', at: at(120), from: 'GM', to: 'NW', reason: 'crisis' },
    { type: 'note', at: at(150), by: 'NW lead', note: 'Diverting ambulances to Wirral' },
    { type: 'resolved', at: at(300), level: 'region', reason: 'back-to-normal' },
  ],
});

const hourly = (values: number[]): Series => ({
  node: 'MFT',
  indicator: 'ae4h',
  points: values.map((value, i) => ({ period: at((i - 2) * 60), value, coverage: 1, final: true, forecast: null })),
});

const render = (series: Series | null = hourly([80, 78, 71.5, 66, 62, 70, 75, 81])) =>
  renderToStaticMarkup(<EpisodeStory episode={story} series={series} seriesError={null} tree={tree} indicator={indicatorInfo()} token={null} canAct={false} onActed={noop} />);

describe('the episode page', () => {
  test('says what it was, where, and how it ended', () => {
    const page = text(render());
    expect(page).toContain('A&E 4-hour at Manchester University');
    expect(page).toContain('Back to normal, settled at the region');
    expect(page).toContain('open 5 h'); // from the opening to the settlement
    expect(page).toContain('Manchester University › Greater Manchester › North West › England'); // every node it reached
  });

  test('tells its whole path in order, each step with why', () => {
    const html = render();
    const kinds = [...html.matchAll(/data-kind="([a-z]+)"/g)].map((match) => match[1]);
    expect(kinds).toEqual(['opened', 'escalated', 'inhibits', 'acknowledged', 'severity', 'escalated', 'note', 'resolved']);
    const page = text(html);
    for (const words of [
      'Opened at Manchester University (unit)',
      'A&E 4-hour 71.5% for 08:00 · beyond its threshold',
      'Escalated from Manchester University (unit) to Greater Manchester (district)',
      "the unit's window ran out before it was settled",
      'The district figure is out too: Greater Manchester 69.2%',
      'Acknowledged by GM lead',
      'Mutual aid from Salford',
      'Became a crisis',
      'Escalated from Greater Manchester (district) to North West (region)',
      'a crisis skips the rest of the local window',
      'Note by NW lead',
      'Settled at the region by North West (region)',
      '1 h later', // the first escalation, an hour after opening
      'Mon 5 Jan 2026, 08:00',
    ]) expect(page).toContain(words);
  });

  test('lists every acknowledgement and note with who wrote it', () => {
    const notes = /data-testid="episode-notes">(.*?)<\/ul>/.exec(render())![1]!;
    expect(text(notes)).toMatch(/GM lead acknowledged .*Mutual aid from Salford.*NW lead noted .*Diverting ambulances to Wirral/);
  });

  test('shows the readings behind it: a chart with its span, and a table from the opening to the settlement', () => {
    const html = render();
    expect(html).toContain('class="ep-span"');
    const table = text(/data-testid="episode-readings">(.*?)<\/table>/.exec(html)![1]!);
    expect(table).toContain('6 readings of its span'); // 08:00 to 13:00, the context before left to the chart
    expect(table).toMatch(/Mon 5 Jan 08:00 71\.5% 100% final opened it/);
    expect(table).toMatch(/Mon 5 Jan 10:00 62% 100% final worst/);
    expect(table).toMatch(/Mon 5 Jan 13:00 81% 100% final latest/);
  });

  test('says so when the readings are not there yet', () => {
    expect(text(render(null))).toContain('Loading the readings…');
  });
});

describe('the episode route', () => {
  test.each([
    { path: '/episode/ep1', id: 'ep1' },
    { path: '/episode/E%3A12/', id: 'E:12' }, // encoded, with a trailing slash
    { path: '/episode/', id: null }, // no ID
    { path: '/node/ep1', id: null }, // a node, not an episode
    { path: '/episode/%E0%A4%A', id: null }, // not decodable
  ])('$path → $id', ({ path, id }) => {
    expect(episodeFromPath(path)).toBe(id);
  });

  test('an ID round-trips through its path', () => {
    expect(episodeFromPath(pathForEpisode('E 7/x'))).toBe('E 7/x');
  });
});
