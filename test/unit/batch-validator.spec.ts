import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { BatchValidator } from '../../server/src/common/batch-validator';
import { UPDATE_CLASSES } from '../../server/src/updates/dto/batch-update.dto';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true };

/** What a caller can see of an error tree: property paths, constraint names and messages. */
function shape(errors: ValidationError[]): unknown {
  return errors.map((e) => ({ property: e.property, constraints: e.constraints, children: shape(e.children ?? []) }));
}

/** A deep copy as a request body arrives: parsed JSON. */
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function hasNestedArray(item: Record<string, unknown>): boolean {
  return ['patch', 'departure', 'alert'].some((key) => Array.isArray(item[key]));
}

/** Items of every kind, valid and broken in the ways feeds break them (wrong types, unknown and nested fields). */
const ITEMS: Array<[keyof typeof UPDATE_CLASSES, Record<string, unknown>]> = [
  [
    'patch-departure',
    { op: 'patch-departure', stationId: 'zurich-hb', departureId: 'ic5-0932', patch: { delayMinutes: 3, platform: '7' } },
  ],
  ['patch-departure', { op: 'patch-departure', stationId: 'Zurich HB', departureId: '', patch: { delayMinutes: 3.5, colour: 'red' } }],
  ['patch-departure', { op: 'patch-departure', stationId: 'zurich-hb', departureId: 'x', patch: 'late' }],
  ['patch-departure', { op: 'patch-departure', stationId: 'zurich-hb', departureId: 'x', patch: [{ delayMinutes: 1 }] }],
  [
    'patch-departure',
    { op: 'patch-departure', stationId: 'zurich-hb', departureId: 'x', patch: { overrideUntil: null, releaseOverride: false } },
  ],
  ['patch-departure', { op: 'patch-departure', stationId: 'zurich-hb', departureId: 'x', patch: { expectedTime: 'soon', remarks: [1] } }],
  ['patch-departure', { op: 'patch-departure', stationId: 'zurich-hb', departureId: 'x' }],
  [
    'put-departure',
    {
      op: 'put-departure',
      stationId: 'bern',
      departureId: 're-1',
      departure: { line: 'RE 1', lineColor: '#d52b1e', destination: 'Basel', scheduledTime: '2026-11-23T09:32:00+01:00' },
    },
  ],
  [
    'put-departure',
    {
      op: 'put-departure',
      stationId: 'bern',
      departureId: 're-1',
      departure: { line: '', lineColor: 'red', scheduledTime: 5, via: 'x' },
      extra: 1,
    },
  ],
  ['remove-departure', { op: 'remove-departure', stationId: 'bern', departureId: 're-1' }],
  ['remove-departure', { op: 'remove-departure', stationId: 'bern', departureId: 7, patch: {} }],
  ['post-alert', { op: 'post-alert', stationId: 'bern', alert: { severity: 'info', text: 'Platform 3 closed' } }],
  ['post-alert', { op: 'post-alert', stationId: 'bern', alert: { severity: 'loud', text: '', translations: { xx: 1 } } }],
  ['clear-alert', { op: 'clear-alert', stationId: 'bern', alertId: 'a-1' }],
  ['clear-alert', { op: 'clear-alert', stationId: 'bern' }],
];

describe(BatchValidator.name, () => {
  const validator = new BatchValidator(OPTIONS);

  it.each(ITEMS.map(([op, item], i) => [i, op, item] as const))('finds what validateSync finds (item %i, %s)', (_i, op, item) => {
    const expected = shape(validateSync(plainToInstance(UPDATE_CLASSES[op] as new () => object, copy(item)), OPTIONS));
    // Twice: the first call fills the metadata cache, the second reads it.
    expect(shape(validator.validateSync(plainToInstance(UPDATE_CLASSES[op] as new () => object, copy(item))))).toEqual(expected);
    expect(shape(validator.validateSync(plainToInstance(UPDATE_CLASSES[op] as new () => object, copy(item))))).toEqual(expected);
  });

  it.each(ITEMS.map(([op, item], i) => [i, op, item] as const))(
    'accepts a plain item exactly when validateSync finds nothing (item %i, %s)',
    (_i, op, item) => {
      const errors = validateSync(plainToInstance(UPDATE_CLASSES[op] as new () => object, copy(item)), OPTIONS);
      expect(validator.accepts(UPDATE_CLASSES[op], copy(item))).toBe(errors.length === 0 && !hasNestedArray(item));
    },
  );

  it('never accepts what validateSync refuses, over thousands of broken variants of valid items', () => {
    const valid = ITEMS.filter(
      ([op, item]) => validateSync(plainToInstance(UPDATE_CLASSES[op] as new () => object, copy(item)), OPTIONS).length === 0,
    );
    let random = 13;
    const next = () => (random = (random * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const odd = [
      null,
      undefined,
      0,
      -1,
      2.5,
      1e9,
      '',
      ' ',
      'x',
      '2026-11-23T09:32:00Z',
      '#d52b1e',
      true,
      false,
      [],
      ['a'],
      [1],
      {},
      { a: 1 },
      'a'.repeat(300),
    ];
    let accepted = 0;
    for (let n = 0; n < 3000; n++) {
      const [op, base] = pick(valid);
      const item = copy(base) as Record<string, unknown>;
      const nested = Object.values(item).find(
        (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
      );
      const target = nested && next() < 0.7 ? nested : item;
      const keys = [
        ...Object.keys(target),
        'delayMinutes',
        'platform',
        'expectedTime',
        'cancelled',
        'cancelReason',
        'remarks',
        'releaseOverride',
        'overrideUntil',
        'via',
        'extra',
      ];
      target[pick(keys)] = copy(pick(odd));
      const errors = validateSync(plainToInstance(UPDATE_CLASSES[op] as new () => object, copy(item)), OPTIONS);
      const accepts = validator.accepts(UPDATE_CLASSES[op], item);
      if (accepts) accepted++;
      if (accepts) expect(errors).toEqual([]);
    }
    // The check must also accept valid variants, or it would save nothing.
    expect(accepted).toBeGreaterThan(100);
  });

  it('refuses options with groups, which its cache does not key on', () => {
    expect(() => new BatchValidator({ ...OPTIONS, groups: ['admin'] })).toThrow(/groups/);
  });
});
