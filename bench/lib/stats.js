'use strict';

/** A growable list of samples (milliseconds) kept in a typed array: a million of them cost 8 MB. */
class Samples {
  constructor(capacity = 1 << 16) {
    this.values = new Float64Array(capacity);
    this.length = 0;
  }

  add(value) {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  sorted() {
    return this.values.slice(0, this.length).sort();
  }
}

/** Nearest-rank percentile of an ascending array; `NaN` when empty. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

function summarize(samples, ps = [50, 90, 99, 99.9]) {
  const sorted = samples instanceof Samples ? samples.sorted() : Float64Array.from(samples).sort();
  const out = { count: sorted.length, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
  // p99.9 is stored as `p999`, so a dotted path can name it.
  for (const p of ps) out[`p${String(p).replace('.', '')}`] = percentile(sorted, p);
  let sum = 0;
  for (const v of sorted) sum += v;
  out.mean = sorted.length ? sum / sorted.length : NaN;
  return out;
}

module.exports = { Samples, percentile, summarize };
