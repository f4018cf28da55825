import { chunkSizes } from '../../server/src/store/bulk-sql';

describe('chunkSizes', () => {
  it('covers every row exactly once', () => {
    for (const n of [0, 1, 2, 3, 255, 256, 257, 300, 511, 1000, 5000]) {
      expect(chunkSizes(n).reduce((sum, size) => sum + size, 0)).toBe(n);
    }
  });

  it('uses full chunks of 256, then falling powers of two, so only nine statement shapes exist', () => {
    expect(chunkSizes(300)).toEqual([256, 32, 8, 4]);
    expect(chunkSizes(1000)).toEqual([256, 256, 256, 128, 64, 32, 8]);
    const shapes = new Set(Array.from({ length: 2000 }, (_, n) => chunkSizes(n)).flat());
    expect([...shapes].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
  });
});
