import { decodeLastBoard, encodeLastBoard } from '../../web/src/offline/last-board';
import { board, departure } from '../support/factories';

describe('kept board (offline start)', () => {
  const kept = { board: board({ departures: [departure({ destination: 'Lausanne' })] }), asOf: new Date('2026-11-23T13:02:40.000Z') };

  it('reads back the board and the time it was confirmed', () => {
    expect(decodeLastBoard('zurich-hb', encodeLastBoard(kept))).toEqual(kept);
  });

  it("drops another station's board", () => {
    expect(decodeLastBoard('bern', encodeLastBoard(kept))).toBeNull();
  });

  it('drops what is not a valid board, as an older build might have kept it', () => {
    const noDepartures = JSON.stringify({
      type: 'snapshot',
      board: { ...kept.board, departures: undefined },
      serverTime: kept.asOf.toISOString(),
    });
    expect(decodeLastBoard('zurich-hb', noDepartures)).toBeNull();
    expect(decodeLastBoard('zurich-hb', '{"board":')).toBeNull();
    expect(decodeLastBoard('zurich-hb', JSON.stringify({ board: kept.board, asOf: kept.asOf }))).toBeNull();
  });

  it('drops a board without a readable time: it could not say how old it is', () => {
    const text = JSON.stringify({ type: 'snapshot', board: kept.board, serverTime: 'yesterday' });
    expect(decodeLastBoard('zurich-hb', text)).toBeNull();
  });
});
