import { renderToStaticMarkup } from 'react-dom/server';
import { ChildrenTable } from '../../client/components/ChildrenTable';
import { childRows } from '../../client/state/children';
import { nodeMarks } from '../../client/state/episodes';
import { buildHierarchy, childrenOf, isWithin } from '../../client/state/hierarchy';
import { noReportOf, silentWithin } from '../../client/state/no-report';
import { episode, indicatorInfo, LEVELS, NODES } from './fixtures';

const tree = buildHierarchy(NODES, LEVELS);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** Manchester University has not reported, and its missing report has climbed to the district. */
const silentUnit = episode({ kind: 'no-report', value: null, holder: 'GM', holderLevel: 'district', reached: ['MFT', 'GM'] });

function table(focus: string) {
  const episodes = [silentUnit];
  const silent = noReportOf(episodes);
  const rows = childRows(focus, childrenOf(tree, focus), tree, nodeMarks(episodes), episodes, {}, {}, ['ae4h']);
  return renderToStaticMarkup(
    <ChildrenTable rows={rows} indicators={[indicatorInfo()]} level="unit" silentIn={(id) => silentWithin(silent, id, (a, b) => isWithin(tree, a, b))} unitLevel="unit" onOpen={() => undefined} />,
  );
}

describe('units not reporting, in the children table', () => {
  test('at the district, the silent unit\'s row says "no report" and its neighbour\'s does not', () => {
    const html = table('GM');
    const row = (name: string) => text(new RegExp(`<tr[^>]*>(?:(?!</tr>).)*${name}(?:(?!</tr>).)*</tr>`).exec(html)![0]);
    expect(row('Manchester University')).toContain('no report');
    expect(row('Salford Royal')).not.toContain('no report');
  });

  test('at the region, the district says how many of its units are not reporting', () => {
    const html = text(table('NW'));
    expect(html).toContain('Greater Manchester 1 unit not reporting');
    expect(html).not.toContain('Cheshire and Merseyside 1 unit');
  });
});
