import request from 'supertest';
import { episodeFiguresEventSchema, episodeSchema, type EpisodeFiguresEvent } from '../../shared/api';
import { testConfig } from '../helpers/network';
import { startTestServer, type TestServer } from '../helpers/server';
import { collect, next, sleep, socketPool, subscribe } from '../helpers/sockets';

const pool = socketPool();
let server: TestServer;
let u1: string;
beforeAll(async () => {
  server = await startTestServer(testConfig());
  u1 = await server.token('reporter', 'U1');
});
afterEach(() => pool.closeAll());
afterAll(() => server.stop());

const postLoad = (value: number) =>
  request(server.url).post('/api/readings').set('Authorization', `Bearer ${u1}`).send({ unit: 'U1', indicator: 'load', ts: new Date().toISOString(), value }).expect(200);

describe('the value now stays fresh on the wall', () => {
  test('a room told of an episode hears its new figure now once, with the sparkline; a room it has not reached hears nothing', async () => {
    const national = pool.connect(server.url);
    await subscribe(national, 'ENG');
    const elsewhere = pool.connect(server.url);
    await subscribe(elsewhere, 'R2');
    const figures = collect(national, 'episode-figures', episodeFiguresEventSchema);
    const notReached = collect(elsewhere, 'episode-figures', episodeFiguresEventSchema);

    // A crisis is told to every ancestor at once, England included.
    const opened = next(national, 'episode', () => true);
    await postLoad(25);
    const episode = episodeSchema.parse(await opened);
    expect(episode.now?.value).toBe(25);

    const moved = next<EpisodeFiguresEvent>(national, 'episode-figures');
    await postLoad(22); // a newer reading for the hour: the judged figure is 22 now
    const update = episodeFiguresEventSchema.parse(await moved).episodes.find((e) => e.id === episode.id)!;
    expect(update.now).toMatchObject({ value: 22, reported: 1, expected: 1 });
    expect(update.spark[update.spark.length - 1]).toMatchObject({ value: 22 });

    await postLoad(22); // the same figure again: nothing new to tell
    await sleep(350);
    expect(figures.flatMap((event) => event.episodes).filter((e) => e.id === episode.id).map((e) => e.now?.value)).toEqual([22]);
    expect(notReached).toEqual([]);
  });
});
