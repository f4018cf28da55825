import { cleanFeedText, textProblem } from '../../server/src/common/text-rules';

describe(textProblem.name, () => {
  it.each([
    'Zürich HB',
    'S 12',
    'Gleis 3 · Sektor A–C',
    '東京',
    'תל אביב\u200F',
    'Gare de l\u2019Est',
    'café',
    'خط\u200Cها',
    '👩\u200D👩\u200D👧',
    '\u{1F686} Ersatzbus',
  ])('accepts %j', (text) => {
    expect(textProblem(text)).toBeNull();
  });

  it.each([
    ['a\u0000b', 'contains a control character (U+0000)'],
    ['bell\u0007', 'contains a control character (U+0007)'],
    ['tab\there', 'contains a control character (U+0009)'],
    ['esc\u001B[2J', 'contains a control character (U+001B)'],
    ['del\u007F', 'contains a control character (U+007F)'],
    ['c1\u0085', 'contains a control character (U+0085)'],
    ['two\nlines', 'contains a control character (U+000A)'],
    ['two\r\nlines', 'contains a control character (U+000D)'],
    ['Bern \u202Eenaguл', 'contains a bidirectional control (U+202E)'],
    ['\u202Aembedded', 'contains a bidirectional control (U+202A)'],
    ['isolate\u2066x\u2069', 'contains a bidirectional control (U+2066)'],
    ['broken \uD83D pair', 'contains an unpaired surrogate (U+D83D)'],
    ['\uDE00', 'contains an unpaired surrogate (U+DE00)'],
    ['\u200B\u200B', 'has no visible characters'],
    ['   ', 'has no visible characters'],
    ['\u00A0\u3000\u2009', 'has no visible characters'],
    ['\u2060\uFEFF\u00AD', 'has no visible characters'],
    ['\u200E\u200F', 'has no visible characters'],
    ['\u0301\uFE0F', 'has no visible characters'],
    ['\u3164\u2800', 'has no visible characters'],
  ])('refuses %j: %s', (text, reason) => {
    expect(textProblem(text)).toBe(reason);
  });

  it('allows newlines only in a multi-line field, and nothing else that a single line refuses', () => {
    expect(textProblem('Line 1\nLine 2\r\nLine 3', { multiline: true })).toBeNull();
    expect(textProblem('lone\rreturn', { multiline: true })).toBe('contains a control character (U+000D)');
    expect(textProblem('tab\tin text', { multiline: true })).toBe('contains a control character (U+0009)');
    expect(textProblem('\n\n', { multiline: true })).toBe('has no visible characters');
    expect(textProblem('x\u202Ey', { multiline: true })).toBe('contains a bidirectional control (U+202E)');
  });

  it('leaves length to the caller: the empty string has no problem of its own', () => {
    expect(textProblem('')).toBeNull();
  });
});

describe(cleanFeedText.name, () => {
  it('leaves clean text alone', () => {
    expect(cleanFeedText('Zürich HB')).toEqual({ text: 'Zürich HB', stripped: 0 });
    expect(cleanFeedText('Ersatzbus\nab Gleis 3')).toEqual({ text: 'Ersatzbus\nab Gleis 3', stripped: 0 });
  });

  it('turns controls into spaces, removes bidi and zero-width characters, and counts them', () => {
    expect(cleanFeedText('Bern\u0000Wankdorf')).toEqual({ text: 'Bern Wankdorf', stripped: 1 });
    expect(cleanFeedText('\u202Eenreb\u202C')).toEqual({ text: 'enreb', stripped: 2 });
    expect(cleanFeedText('Ol\u200Bten\uFEFF\tHbf')).toEqual({ text: 'Olten Hbf', stripped: 3 });
    expect(cleanFeedText('half \uD83D pair')).toEqual({ text: 'half  pair', stripped: 1 });
  });

  it('keeps line breaks, normalised to "\\n", and trims', () => {
    expect(cleanFeedText('  one\r\ntwo\rthree  ')).toEqual({ text: 'one\ntwo\nthree', stripped: 0 });
  });

  it('keeps the joiners that scripts and emoji need', () => {
    expect(cleanFeedText('👩\u200D👧 خط\u200Cها')).toEqual({ text: '👩\u200D👧 خط\u200Cها', stripped: 0 });
  });

  it('returns "" for text with nothing visible left', () => {
    expect(cleanFeedText('\u200B\u202E \u0007')).toEqual({ text: '', stripped: 3 });
    expect(cleanFeedText('   ')).toEqual({ text: '', stripped: 0 });
  });

  it('always returns text that textProblem accepts as multi-line', () => {
    for (const raw of ['a\u0000\u0085b', '\u2066x\u2069', 'x\r\ny', '\uDC00z', '\u00A0\u200F']) {
      expect(textProblem(cleanFeedText(raw).text, { multiline: true })).toBeNull();
    }
  });
});
