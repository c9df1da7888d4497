import { parseAllowances, parseImportArgs } from '../../scripts/nhs/args';

describe('import:nhs options', () => {
  it('reads allowances in days by level, with icb and trust as other names', () => {
    expect(parseAllowances(undefined)).toEqual({ unit: 1, district: 2, region: 3 });
    expect(parseAllowances('trust=12h, icb=3d')).toEqual({ unit: 0.5, district: 3, region: 3 });
    expect(() => parseAllowances('ward=1d')).toThrow(/"ward" is not a level/);
    expect(() => parseAllowances('unit=soon')).toThrow(/needs a duration/);
    expect(() => parseAllowances('national=1d')).toThrow(/not a level with an allowance/);
  });

  it('takes several seasons, and checks dates', () => {
    const args = parseImportArgs(['--dir', '/data', '--season', '2017-18,2018-19', '--season', '2019-20', '--ae']);
    expect(args).toMatchObject({ dir: '/data', seasons: ['2017-18', '2018-19', '2019-20'], ae: true, live: false });
    expect(() => parseImportArgs(['--dir', '/data', '--season', '2017'])).toThrow(/a season looks like 2017-18/);
    expect(() => parseImportArgs(['--dir', '/data', '--from', '2018-02-30'])).toThrow(/YYYY-MM-DD/);
    expect(() => parseImportArgs(['--dir', '/data', '--bogus'])).toThrow(/bogus/);
  });

  it('needs a server, a token and a speed for a live replay, and a speed only makes sense for one', () => {
    expect(() => parseImportArgs(['--dir', '/data', '--live', '--speed', '5'])).toThrow(/--live needs/);
    expect(parseImportArgs(['--dir', '/data', '--live', '--speed', '5', '--url', 'http://localhost:3000', '--token', 't', '--token', 'u']))
      .toMatchObject({ live: true, speedSeconds: 5, tokens: ['t', 'u'] });
    expect(() => parseImportArgs(['--dir', '/data', '--speed', '5'])).toThrow(/--speed makes a configuration for a live replay/);
  });
});
