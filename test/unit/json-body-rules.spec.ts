import { jsonDepth, MAX_JSON_DEPTH, prototypeKeyPath } from '../../server/src/common/json-body-rules';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe(jsonDepth.name, () => {
  it('measures the nesting of objects and arrays', () => {
    expect(jsonDepth(bytes('{"updates":[{"departure":{"via":["Olten"]}}]}'))).toBe(5);
    expect(jsonDepth(bytes('"just a string"'))).toBe(0);
  });

  it('ignores brackets inside strings, also after escaped quotes and backslashes', () => {
    expect(jsonDepth(bytes('{"text":"[[[{{{ \\" [[[ \\\\"}'))).toBe(1);
    expect(jsonDepth(bytes('{"a":"\\\\","b":[1]}'))).toBe(2);
    expect(jsonDepth(bytes(`{"text":"${'['.repeat(10_000)}"}`))).toBe(1);
  });

  it('counts brackets of multi-byte text correctly', () => {
    expect(jsonDepth(bytes('{"destination":"Zürich HB ⟦→⟧","via":[["Genève"]]}'))).toBe(3);
  });

  it('stops at the first level past the limit, without recursion, however deep the text goes', () => {
    expect(jsonDepth(bytes('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)))).toBe(MAX_JSON_DEPTH);
    expect(jsonDepth(bytes('['.repeat(MAX_JSON_DEPTH + 1)))).toBeNull();
    expect(jsonDepth(bytes(`{"x":${'{"a":'.repeat(1_000_000)}1`))).toBeNull();
  });

  it('leaves unterminated strings to JSON.parse to report', () => {
    expect(jsonDepth(bytes('{"text":"[[['))).toBe(1);
  });
});

describe(prototypeKeyPath.name, () => {
  it("finds __proto__, constructor and prototype keys anywhere, by the validation errors' path form", () => {
    expect(prototypeKeyPath(JSON.parse('{"delayMinutes":5,"__proto__":{"isAdmin":true}}'))).toBe('__proto__');
    expect(prototypeKeyPath(JSON.parse('{"updates":[{"op":"patch-departure","patch":{"constructor":{}}}]}'))).toBe(
      'updates.0.patch.constructor',
    );
    expect(prototypeKeyPath(JSON.parse('[{"a":{"prototype":1}}]'))).toBe('0.a.prototype');
  });

  it('accepts such words as values, and ordinary bodies', () => {
    expect(prototypeKeyPath({ remarks: ['constructor', '__proto__'], text: 'prototype' })).toBeNull();
    expect(prototypeKeyPath({ updates: [{ op: 'put-departure', departure: { via: ['Olten'] } }] })).toBeNull();
  });
});
