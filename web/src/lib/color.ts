/** The text contrast every board text meets (WCAG AAA), line badges included. */
export const MIN_CONTRAST = 7;

export interface BadgeColors {
  background: string;
  text: '#000000' | '#ffffff';
}

/**
 * Colours for a line badge. The text is black or white, whichever contrasts more with the line's
 * colour; where even that stays under `MIN_CONTRAST` (a mid red like `#d52b1e` reaches only
 * about 4.8:1), the background is darkened (or, under black text, lightened) just enough, so
 * the line keeps its recognisable hue and the badge can still be read from across the platform.
 */
export function readableBadge(color: string): BadgeColors {
  const base = safeColor(color);
  const text = badgeTextColor(base);
  const towards = text === '#ffffff' ? 0 : 255;
  for (let step = 0; step <= 20; step++) {
    const background = mix(base, towards, step / 20);
    if (contrastRatio(background, text) >= MIN_CONTRAST) return { background, text };
  }
  return { background: text === '#ffffff' ? '#000000' : '#ffffff', text };
}

/**
 * Text colour for a line badge: black or white, whichever contrasts more with the badge
 * colour (WCAG relative luminance), so any colour a feed sends stays readable.
 */
export function badgeTextColor(background: string): '#000000' | '#ffffff' {
  const luminance = relativeLuminance(background);
  if (luminance === null) return '#ffffff';
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}

/** A `#rrggbb` colour, or the fallback for anything else (a feed might send garbage). */
export function safeColor(value: string, fallback = '#555555'): string {
  return /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : fallback;
}

/** WCAG contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a) ?? 0, relativeLuminance(b) ?? 0];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function mix(hex: string, towards: number, amount: number): string {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `#${channels
    .map((c) =>
      Math.round(c + (towards - c) * amount)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function relativeLuminance(hex: string): number | null {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
