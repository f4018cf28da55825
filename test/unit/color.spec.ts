import { contrastRatio, MIN_CONTRAST, readableBadge, safeColor } from '../../web/src/lib/color';

describe(readableBadge.name, () => {
  it.each(['#d52b1e', '#00843d', '#008fc5', '#ffd23f', '#ffffff', '#000000', '#777777', '#ff00ff', '#1c5fa8', '#a0a0a0'])(
    'keeps text on %s at 7:1 or more',
    (color) => {
      const { background, text } = readableBadge(color);
      expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    },
  );

  it('leaves a colour that is already readable alone', () => {
    expect(readableBadge('#123A7A')).toEqual({ background: '#123a7a', text: '#ffffff' });
    expect(readableBadge('#ffd23f')).toEqual({ background: '#ffd23f', text: '#000000' });
  });

  it('darkens a mid red just enough, keeping it red', () => {
    const { background, text } = readableBadge('#d52b1e');
    expect(text).toBe('#ffffff');
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(3 * Math.max(g, b));
    expect(contrastRatio(background, text)).toBeLessThan(MIN_CONTRAST + 1);
  });

  it('falls back to a readable grey for a colour it cannot read', () => {
    const { background, text } = readableBadge('red');
    expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(safeColor('red')).toBe('#555555');
  });
});

describe(contrastRatio.name, () => {
  it('follows WCAG: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#d52b1e', '#d52b1e')).toBe(1);
  });
});
