import { lampFor } from '../../client/charts/lamp';
import { at, climbed, episode, T0 } from './fixtures';

const minutes = (m: number) => T0 + m * 60_000;

describe('the lamp on a node holding signals', () => {
  it.each([
    // Opened at 0 with a 60-minute window: at 20 minutes, 40 minutes left, a third used, calm.
    ['early in the window', [episode()], 20, { left: '40 m left', urgency: 0, standing: false }],
    // At 55 minutes: five minutes left, over nine tenths used, blinking fast.
    ['near the deadline', [episode()], 55, { left: '5 m left', urgency: 3, standing: false }],
    // Past the deadline before the scheduler escalates it: due now, spent.
    ['at the deadline', [episode()], 61, { left: 'due now', urgency: 4, standing: false }],
    // A region's window runs from its escalation (180 m) to 300 m: at 190 m, 1 h 50 m left.
    ['a region holding what climbed to it', [climbed()], 190, { left: '1 h 50 m left', urgency: 0, standing: false }],
    // Two held: the one whose window ends first speaks for the node, whatever order they came in.
    ['two held', [episode({ id: 'late', deadline: at(120) }), episode({ id: 'soon', deadline: at(30) })], 10, { left: '20 m left', standing: false }],
    // At the top with no window left: lit and steady, no count, whatever the time.
    ['held at the top', [episode({ holder: 'ENG', deadline: null, overdue: true })], 500, { left: '', urgency: 4, standing: true }],
    // A crisis at the top beside a timed one below it: the timed one still gives the time left.
    ['a standing one beside a timed one', [episode({ id: 'top', deadline: null, overdue: true }), episode({ id: 'timed', deadline: at(90) })], 30, { left: '1 h left', standing: false }],
  ])('%s', (_what, held, m, expected) => {
    expect(lampFor(held, minutes(m))).toMatchObject(expected);
  });

  it('is off when nothing is held', () => {
    expect(lampFor([], minutes(5))).toBeNull();
  });
});
