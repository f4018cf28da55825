/**
 * Text colour for a line badge: black or white, whichever contrasts more with the badge
 * colour (WCAG relative luminance), so any colour a feed sends stays readable.
 */
export function badgeTextColor(background: string): '#000000' | '#ffffff' {
  const luminance = relativeLuminance(background);
  if (luminance === null) return '#ffffff';
  const againstBlack = (luminance + 0.05) / 0.05;
  const againstWhite = 1.05 / (luminance + 0.05);
  return againstBlack >= againstWhite ? '#000000' : '#ffffff';
}

/** A `#rrggbb` colour, or the fallback for anything else (a feed might send garbage). */
export function safeColor(value: string, fallback = '#555555'): string {
  return /^#[0-9a-f]{6}$/i.test(value) ? value : fallback;
}

function relativeLuminance(hex: string): number | null {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
