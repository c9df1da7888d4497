import { allowanceOf, holderLegs } from '../../client/state/episodes';
import { ago, formatValue, legsInWords, openFor, percent, timeLeftWords } from '../../client/state/time-words';
import { climbed, episode, T0 } from './fixtures';

const LEVELS: Record<string, string> = { MFT: 'unit', GM: 'district', NW: 'region' };

describe('time in words', () => {
  it('says how long something has been open', () => {
    expect(openFor((3 * 60 + 12) * 60_000)).toBe('open 3 h 12 m');
    expect(openFor(40_000)).toBe('open 40 s');
    expect(ago(500)).toBe('just now');
    expect(ago(5 * 60_000)).toBe('5 m ago');
  });

  it('says how long is left, or that it is due or overdue', () => {
    expect(timeLeftWords(allowanceOf(episode(), T0 + 48 * 60_000))).toBe('12 m left');
    expect(timeLeftWords(allowanceOf(episode(), T0 + 61 * 60_000))).toBe('due now');
    expect(timeLeftWords(allowanceOf(episode({ overdue: true, deadline: null }), T0))).toBe('overdue at the top');
    expect(timeLeftWords(allowanceOf(episode({ direction: 'pleasure', deadline: null }), T0))).toBe('');
  });

  it('tells the path travelled level by level', () => {
    const words = legsInWords(holderLegs(climbed()), (id) => LEVELS[id] ?? id, T0 + (180 + 40) * 60_000);
    expect(words).toBe('with the unit for 1 h, district for 2 h, region for 40 m');
  });

  it('formats values with their unit of measure', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(94.456, '%')).toBe('94.5%');
    expect(formatValue(1234.4, 'beds')).toBe('1,234 beds');
    expect(formatValue(0.4567)).toBe('0.46');
    expect(percent(0.923)).toBe('92%');
  });
});
