import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script, also run on its own
const { regenerate } = require('../../server/scripts/readme-facts.js') as { regenerate: (text: string) => { stale: string[] } };

describe('the README', () => {
  // The bundle's sizes come from dist/web (npm test builds first), the bench table from bench/results/latest.md.
  it('says what the build and the latest bench run say (node server/scripts/readme-facts.js rewrites it)', () => {
    const { stale } = regenerate(readFileSync(join(__dirname, '../../README.md'), 'utf8'));
    expect(stale).toEqual([]);
  });
});
