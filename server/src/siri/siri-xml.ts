import { SaxesParser } from 'saxes';
import { FeedError } from '../gtfs-rt/feed-error';

/** Deeper than any SIRI delivery nests (a VDV 736 situation reaches about 15); a deeper body is an attack or a mistake. */
export const MAX_XML_DEPTH = 40;
/** Elements per body: a large national ET delivery has a few hundred thousand. */
export const MAX_XML_ELEMENTS = 1_000_000;

/** One XML element as the SIRI reader sees it: namespace prefixes dropped, text trimmed, `xml:lang` kept. */
export interface XmlElement {
  /** The local name (`PtSituationElement` for `siri:PtSituationElement`). */
  name: string;
  /** `xml:lang`, as given. */
  lang?: string;
  /** The element's own text, trimmed (mixed content is not SIRI's). */
  text: string;
  children: XmlElement[];
}

/**
 * Parses a SIRI body with a streaming parser that expands no entities: a document type declaration
 * is refused outright (SIRI needs none, and it is where entity bombs and external entities live), so
 * only the five predefined entities and character references are read. Depth and element count are
 * capped; the body's size was capped when it was read. Throws `FeedError` naming the cause.
 */
export function parseXml(body: Buffer): XmlElement {
  if (body.length === 0) throw new FeedError('the body is empty: expected a SIRI XML document');
  const parser = new SaxesParser({ position: true });
  const root: XmlElement = { name: '', text: '', children: [] };
  const stack: XmlElement[] = [root];
  let elements = 0;
  parser.on('doctype', () => {
    throw new FeedError('the document has a DOCTYPE: entity declarations and external entities are not accepted in SIRI');
  });
  parser.on('opentag', (tag) => {
    if (stack.length > MAX_XML_DEPTH) throw new FeedError(`the XML nests deeper than ${MAX_XML_DEPTH} elements`);
    if (++elements > MAX_XML_ELEMENTS) throw new FeedError(`the XML has more than ${MAX_XML_ELEMENTS} elements`);
    const lang = tag.attributes['xml:lang'];
    const element: XmlElement = { name: localName(tag.name), text: '', children: [], ...(typeof lang === 'string' ? { lang } : {}) };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    if (stack.length > 1) stack[stack.length - 1].text += text;
  });
  parser.on('cdata', (text) => {
    if (stack.length > 1) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    const element = stack.pop()!;
    element.text = element.text.trim();
  });
  try {
    parser.write(decode(body)).close();
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError(`the body is not well-formed XML: ${malformed(error)}`);
  }
  const top = root.children[0];
  if (!top) throw new FeedError('the body is not well-formed XML: no root element');
  return top;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** UTF-8 (SIRI's encoding), or ISO-8859-1 when the declaration says so; anything else is refused. */
function decode(body: Buffer): string {
  const declared = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1].toLowerCase();
  if (declared === 'iso-8859-1' || declared === 'latin1') return body.toString('latin1');
  if (declared !== undefined && declared !== 'utf-8' && declared !== 'utf8')
    throw new FeedError(`the XML declares encoding "${declared.slice(0, 20)}": send UTF-8`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new FeedError('the body is not valid UTF-8');
  }
}

/** saxes prefixes its messages with the position (`1:12: ...`); that position is what a sender needs to fix the body. */
function malformed(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 200);
}

/** The first child named `name`, if any. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child named `name`. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}

/** The text of the first child named `name`; `undefined` when absent or empty. */
export function textOf(element: XmlElement | undefined, name: string): string | undefined {
  const text = child(element, name)?.text;
  return text === undefined || text === '' ? undefined : text;
}

/** The element at a path of child names. */
export function at(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  return path.reduce<XmlElement | undefined>((node, name) => child(node, name), element);
}

/** An xsd:boolean child: `true` or `1`. */
export function flag(element: XmlElement, name: string): boolean {
  const text = textOf(element, name);
  return text === 'true' || text === '1';
}

/** An xsd:dateTime as a UTC ISO instant; `undefined` when absent or unreadable (a time without a zone is not an instant). */
export function instant(text: string | undefined): string | undefined {
  if (text === undefined || !/(Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
