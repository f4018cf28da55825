'use strict';

/** Hand-written SVG: grouped bars, Headway beside the floor, values printed on the bars. */

const COLORS = { headway: '#d52b1e', floor: '#7a869a' };

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function label(value, unit) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'n/a';
  if (value === 0) return unit === '/s' ? '0/s' : `0 ${unit}`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return unit === '/s' ? `${Math.round(value).toLocaleString('en-US')}/s` : `${value.toFixed(digits)} ${unit}`;
}

/** A scale maximum with a round step, so the grid lines fall on readable values. */
function niceMax(value) {
  if (!(value > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

/**
 * `groups`: [{ label, headway, floor }]; `line`: an optional horizontal target { value, label }.
 */
function barChart({ title, unit, groups, line }) {
  const width = 640;
  const height = 320;
  const left = 70;
  const right = 20;
  const top = 56;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = groups.flatMap((g) => [g.headway, g.floor]).filter((v) => typeof v === 'number' && Number.isFinite(v));
  const max = niceMax(Math.max(...values, line ? line.value : 0) * 1.12);
  const y = (v) => top + plotH - (v / max) * plotH;
  const parts = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="600" fill="#1b1f24">${escape(title)}</text>`);
  parts.push(
    `<rect x="${left}" y="32" width="10" height="10" fill="${COLORS.headway}"/><text x="${left + 14}" y="41" fill="#1b1f24">Headway</text>`,
  );
  parts.push(
    `<rect x="${left + 80}" y="32" width="10" height="10" fill="${COLORS.floor}"/><text x="${left + 94}" y="41" fill="#1b1f24">floor (plain Node)</text>`,
  );
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    const gy = y(v);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${gy}" y2="${gy}" stroke="#e3e6ea"/>`);
    parts.push(`<text x="${left - 6}" y="${gy + 4}" text-anchor="end" fill="#57606a">${escape(label(v, unit))}</text>`);
  }
  const groupW = plotW / groups.length;
  const barW = Math.min(70, groupW / 3);
  groups.forEach((g, i) => {
    const cx = left + groupW * i + groupW / 2;
    [
      ['headway', cx - barW - 2],
      ['floor', cx + 2],
    ].forEach(([key, x]) => {
      const v = g[key];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        parts.push(`<text x="${x + barW / 2}" y="${top + plotH - 4}" text-anchor="middle" fill="#57606a">n/a</text>`);
        return;
      }
      const by = y(v);
      parts.push(`<rect x="${x}" y="${by}" width="${barW}" height="${top + plotH - by}" fill="${COLORS[key]}"/>`);
      parts.push(`<text x="${x + barW / 2}" y="${by - 4}" text-anchor="middle" fill="#1b1f24">${escape(label(v, unit))}</text>`);
    });
    const ratio =
      typeof g.headway === 'number' && typeof g.floor === 'number' && g.floor > 0 ? ` (${(g.headway / g.floor).toFixed(2)}×)` : '';
    parts.push(`<text x="${cx}" y="${height - 16}" text-anchor="middle" fill="#1b1f24">${escape(g.label + ratio)}</text>`);
  });
  if (line) {
    const ly = y(line.value);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${ly}" y2="${ly}" stroke="#1b1f24" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${width - right - 4}" y="${ly - 5}" text-anchor="end" fill="#1b1f24">${escape(line.label)}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#57606a"/>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

module.exports = { barChart };
