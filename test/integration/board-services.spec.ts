import { AlertsService } from '../../server/src/alerts/alerts.service';
import { BoardBus, type BusMessage } from '../../server/src/board-core/board-bus.service';
import { BoardWriter } from '../../server/src/board-core/board-writer.service';
import { DeparturesService } from '../../server/src/departures/departures.service';
import { KyselyBoardRepository } from '../../server/src/store/kysely-board.repository';
import { departureBody } from '../support/factories';
import { storeEngines, type TestStore } from '../support/stores';
import { Clock } from '../../server/src/common/clock';
import { systemWrite } from '../../server/src/board-core/write-context';

/** Changes made here are recorded as a test job's. */
const TEST_WRITE = systemWrite('test');

describe.each(storeEngines())('$name: services on a real store', (engine) => {
  let store: TestStore;
  let repository: KyselyBoardRepository;
  let bus: BoardBus;
  let departures: DeparturesService;
  let alerts: AlertsService;

  async function open(): Promise<void> {
    repository = await KyselyBoardRepository.open(await store.open());
    bus = new BoardBus();
    const writer = new BoardWriter(repository, bus);
    departures = new DeparturesService(new Clock(), repository, writer);
    alerts = new AlertsService(new Clock(), repository, writer);
  }

  beforeEach(async () => {
    store = await engine.create();
    await open();
    await repository.saveStation({ id: 'zurich-hb', name: 'Zürich HB', timezone: 'Europe/Zurich' });
  });
  afterEach(async () => {
    await repository.close();
    await store.drop();
  });

  it('keeps every acknowledged change across a reopen of the store', async () => {
    await departures.put(TEST_WRITE, 'zurich-hb', 's8', departureBody());
    await departures.patch(TEST_WRITE, 'zurich-hb', 's8', { delayMinutes: 12, remarks: ['Signal failure'] });
    const epoch = repository.epoch;
    await repository.close();
    await open();
    const board = await repository.loadBoard('zurich-hb');
    expect(board).toMatchObject({ epoch, seq: 2, departures: [{ id: 's8', status: 'delayed', remarks: ['Signal failure'], version: 2 }] });
  });

  it('gives every change the next seq and publishes it in order, serialized once', async () => {
    const received: BusMessage[] = [];
    bus.changes('zurich-hb').subscribe((m) => received.push(m));
    await departures.put(TEST_WRITE, 'zurich-hb', 's8', departureBody());
    await Promise.all([1, 2, 3, 4, 5].map((n) => departures.patch(TEST_WRITE, 'zurich-hb', 's8', { delayMinutes: n })));
    expect(received.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(received.map((m) => m.message.id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${repository.epoch}.${n}`));
    expect(typeof received[5].message.data).toBe('string');
    expect(JSON.parse(received[5].message.data)).toMatchObject({ type: 'departure-set', seq: 6, departure: { version: 6 } });
  });

  it('rejects a delay for an unknown departure and stores nothing', async () => {
    await expect(departures.patch(TEST_WRITE, 'zurich-hb', 'nope', { delayMinutes: 5 })).rejects.toMatchObject({ status: 404 });
    expect((await repository.loadBoard('zurich-hb'))?.seq).toBe(0);
  });

  it('rejects an estimate more than a day late and keeps the row as it was', async () => {
    await departures.put(TEST_WRITE, 'zurich-hb', 's8', departureBody());
    await expect(departures.patch(TEST_WRITE, 'zurich-hb', 's8', { expectedTime: '2099-01-01T00:00:00Z' })).rejects.toMatchObject({
      response: { fields: [{ field: 'expectedTime', message: 'expectedTime would make the departure more than 24 hours late' }] },
    });
    expect(await repository.findDeparture('zurich-hb', 's8')).toMatchObject({ version: 1, expectedTime: null });
  });

  it('rejects an alert that has already expired', async () => {
    await expect(
      alerts.create(TEST_WRITE, 'zurich-hb', { severity: 'info', text: 'Old news', validUntil: '2000-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({
      status: 400,
    });
    expect((await repository.loadBoard('zurich-hb'))?.alerts).toEqual([]);
  });

  it('writes one log entry per change with the JSON the screens received', async () => {
    const received: BusMessage[] = [];
    bus.changes('zurich-hb').subscribe((m) => received.push(m));
    const alert = await alerts.create(TEST_WRITE, 'zurich-hb', { severity: 'warning', text: 'Lift out of service' });
    await alerts.clear(TEST_WRITE, 'zurich-hb', alert.id);
    const db = await store.open();
    const log = await db.selectFrom('events').select(['seq', 'type', 'payload']).orderBy('seq').execute();
    await db.destroy();
    expect(log.map((e) => [Number(e.seq), e.type])).toEqual([
      [1, 'alert-set'],
      [2, 'alert-cleared'],
    ]);
    expect(log.map((e) => e.payload)).toEqual(received.map((m) => m.message.data));
  });
});
