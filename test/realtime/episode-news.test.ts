import type { Episode, InhibitedBreachJson } from '../../shared/api';
import { episodeNews, episodeNewsDesk, type EpisodeNews } from '../../server/realtime/episode-news';
import { at, episode } from '../client/fixtures';

const breach = (overrides: Partial<InhibitedBreachJson> = {}): InhibitedBreachJson => ({ node: 'GM', level: 'district', severity: 'alert', value: 0.961, period: at(0), since: at(1), ...overrides });
const holding = (overrides: Partial<InhibitedBreachJson> = {}, rest: Partial<Episode> = {}) => episode({ inhibits: [breach(overrides)], ...rest });

describe('episodeNews: what a change is to the rooms that were sent the last copy', () => {
  const cases: Array<[name: string, lastSent: Episode | undefined, next: Episode, news: EpisodeNews]> = [
    // A room must hear of a new episode at once.
    ['never sent before', undefined, holding(), 'news'],
    ['the same copy again', holding(), holding(), 'same'],
    // The point: every provisional reading below moves the ancestors' figures; that is not news.
    ['only a held-back figure moved', holding(), holding({ value: 0.962 }), 'held-back-figures'],
    ['a held-back figure moved into a new period', holding(), holding({ value: 0.97, period: at(60) }), 'held-back-figures'],
    // Which ancestors are out, and how badly, is what the card says: news.
    ['an ancestor went from alert to crisis', holding(), holding({ severity: 'crisis' }), 'news'],
    ['a breach is newly held back', episode(), holding(), 'news'],
    ['a breach was released', holding(), episode(), 'news'],
    // Anything a person acts on goes at once, whatever the held-back figures did.
    ['it climbed, and the figures moved too', holding(), holding({ value: 0.97 }, { holder: 'GM', holderLevel: 'district' }), 'news'],
    ['acknowledged', holding(), holding({}, { acknowledgedBy: 'duty manager' }), 'news'],
    ['resolved', holding(), holding({}, { status: 'resolved', resolvedAt: at(30) }), 'news'],
  ];
  it.each(cases)('%s', (_name, lastSent, next, news) => expect(episodeNews(lastSent, next)).toBe(news));
});

describe('episodeNewsDesk', () => {
  it('sends news, holds held-back figures until taken (the latest only), then compares with what was taken', () => {
    const desk = episodeNewsDesk();
    expect(desk.offer(holding(), ['node:ENG'])).toBe('send');
    expect(desk.offer(holding({ value: 0.962 }), ['node:ENG'])).toBe('held');
    expect(desk.offer(holding({ value: 0.963 }), ['node:ENG', 'node:NW'])).toBe('held');
    expect(desk.hasWaiting()).toBe(true);
    const due = desk.takeWaiting();
    expect(due.map(({ episode, rooms }) => [episode.inhibits[0]?.value, rooms])).toEqual([[0.963, ['node:ENG', 'node:NW']]]);
    expect(desk.hasWaiting()).toBe(false);
    // What was taken is now what the rooms know.
    expect(desk.offer(holding({ value: 0.963 }), ['node:ENG'])).toBe('dropped');
  });

  it('news overtakes a held copy: it carries the latest figures, so the held one is dropped', () => {
    const desk = episodeNewsDesk();
    desk.offer(holding(), ['node:ENG']);
    desk.offer(holding({ value: 0.962 }), ['node:ENG']);
    expect(desk.offer(holding({ value: 0.964 }, { acknowledgedBy: 'duty manager' }), ['node:ENG'])).toBe('send');
    expect(desk.takeWaiting()).toEqual([]);
  });

  it('a figure moving back to what was sent drops the held copy', () => {
    const desk = episodeNewsDesk();
    desk.offer(holding(), ['node:ENG']);
    desk.offer(holding({ value: 0.962 }), ['node:ENG']);
    expect(desk.offer(holding(), ['node:ENG'])).toBe('dropped');
    expect(desk.takeWaiting()).toEqual([]);
  });

  it('forgets a resolved episode, so a later change to it is news again', () => {
    const desk = episodeNewsDesk();
    desk.offer(holding(), ['node:ENG']);
    expect(desk.offer(holding({}, { status: 'resolved', resolvedAt: at(30) }), ['node:ENG'])).toBe('send');
    expect(desk.offer(holding({}, { status: 'resolved', resolvedAt: at(30) }), ['node:ENG'])).toBe('send');
  });
});
