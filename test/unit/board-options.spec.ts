import { DEFAULT_BOARD_OPTIONS, normalize, parseBoardOptions, selectRows } from '../../web/src/lib/board-options';
import { departure } from '../support/factories';

describe(parseBoardOptions.name, () => {
  it('gives the defaults for an empty query', () => {
    expect(parseBoardOptions('')).toEqual(DEFAULT_BOARD_OPTIONS);
    expect(DEFAULT_BOARD_OPTIONS).toEqual({
      mode: 'departures',
      platforms: null,
      lines: null,
      rows: null,
      langs: ['en'],
      theme: 'dark',
      turnSeconds: 10,
      delayFrom: 2,
    });
  });

  it('reads every option', () => {
    expect(parseBoardOptions('?mode=arrivals&platform=7,8a&line=S8,ic5&rows=6&lang=de&theme=contrast&turn=4&delay=5')).toEqual({
      mode: 'arrivals',
      platforms: ['7', '8a'],
      lines: ['s8', 'ic5'],
      rows: 6,
      langs: ['de'],
      theme: 'contrast',
      turnSeconds: 4,
      delayFrom: 5,
    });
  });

  it('accepts URLSearchParams as well as a query string', () => {
    expect(parseBoardOptions(new URLSearchParams({ theme: 'light' })).theme).toBe('light');
  });

  it('falls back to the default for each value it does not understand', () => {
    expect(parseBoardOptions('?mode=both&rows=lots&lang=fr&theme=neon&turn=fast&delay=-1')).toEqual(DEFAULT_BOARD_OPTIONS);
  });

  it('ignores case and spaces in the values it chooses from', () => {
    expect(parseBoardOptions('?mode=Arrivals&theme=%20LIGHT&lang=DE').mode).toBe('arrivals');
    expect(parseBoardOptions('?theme=%20LIGHT').theme).toBe('light');
    expect(parseBoardOptions('?lang=DE').langs).toEqual(['de']);
  });

  it.each([
    ['0', null],
    ['-3', null],
    ['2.5', null],
    ['101', null],
    ['1e2', null],
    ['', null],
    ['1', 1],
    ['12', 12],
    ['100', 100],
  ])('takes rows=%p as %p', (rows, expected) => {
    expect(parseBoardOptions(`?rows=${rows}`).rows).toBe(expected);
  });

  it.each([
    ['turn', '0', 10],
    ['turn', '1', 1],
    ['turn', '300', 300],
    ['turn', '301', 10],
    ['turn', '2.5', 10],
    ['delay', '0', 2],
    ['delay', '1', 1],
    ['delay', '60', 60],
    ['delay', '61', 2],
  ])('takes %s=%p as %p', (name, value, expected) => {
    const options = parseBoardOptions(`?${name}=${value}`);
    expect(name === 'turn' ? options.turnSeconds : options.delayFrom).toBe(expected);
  });

  it('keeps the order of several languages, without repeats or unknown ones', () => {
    expect(parseBoardOptions('?lang=en,de').langs).toEqual(['en', 'de']);
    expect(parseBoardOptions('?lang=de,fr,en,de').langs).toEqual(['de', 'en']);
    expect(parseBoardOptions('?lang=,').langs).toEqual(['en']);
  });

  it('treats empty lists as no filter', () => {
    expect(parseBoardOptions('?platform=&line=%20,%20').platforms).toBeNull();
    expect(parseBoardOptions('?platform=&line=%20,%20').lines).toBeNull();
  });

  it('normalizes list items and drops repeats', () => {
    expect(parseBoardOptions('?line=IC%205,ic5,%20S8%20').lines).toEqual(['ic5', 's8']);
  });
});

describe(selectRows.name, () => {
  const rows = [
    departure({ id: 's8', line: 'S8', scheduledPlatform: '33', platform: '33' }),
    departure({ id: 'ic5', line: 'IC 5', scheduledPlatform: '31', platform: '7' }),
    departure({ id: 're', line: 'RE', scheduledPlatform: null, platform: null }),
    departure({ id: 'arr', kind: 'arrival', line: 'S8', origin: 'Rapperswil', scheduledPlatform: '33', platform: '33' }),
  ];
  const ids = (query: string) => selectRows(rows, parseBoardOptions(query)).map((row) => row.id);

  it('shows only departures by default, in the board order', () => {
    expect(ids('')).toEqual(['s8', 'ic5', 're']);
  });

  it('shows only arrivals in arrivals mode', () => {
    expect(ids('?mode=arrivals')).toEqual(['arr']);
  });

  it('matches the platform a row uses now, not the one it was timetabled at', () => {
    expect(ids('?platform=7')).toEqual(['ic5']);
    expect(ids('?platform=31')).toEqual([]);
    expect(ids('?platform=33,7')).toEqual(['s8', 'ic5']);
  });

  it('falls back to the timetabled platform when there is no current one', () => {
    const timetabledOnly = departure({ id: 'x', scheduledPlatform: '4', platform: null });
    expect(selectRows([timetabledOnly], parseBoardOptions('?platform=4')).map((r) => r.id)).toEqual(['x']);
  });

  it('matches lines whatever their case and spacing', () => {
    expect(ids('?line=S8,ic5')).toEqual(['s8', 'ic5']);
    expect(ids('?line=IC5')).toEqual(['ic5']);
    expect(ids('?line=i%20c%205')).toEqual(['ic5']);
    expect(ids('?line=S1')).toEqual([]);
  });

  it('combines the filters with the mode', () => {
    expect(ids('?mode=arrivals&line=s8&platform=33')).toEqual(['arr']);
    expect(ids('?line=s8&platform=7')).toEqual([]);
  });

  it('never matches a row without a platform to a platform filter', () => {
    expect(ids('?platform=re')).toEqual([]);
  });
});

describe(normalize.name, () => {
  it('drops all whitespace and lowers the case', () => {
    expect(normalize(' IC\t5 ')).toBe('ic5');
  });
});
