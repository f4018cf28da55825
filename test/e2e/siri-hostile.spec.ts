import { appWithSbb, boardOf, pushSiri, siriFixture, sourceOf } from '../support/siri-feed';
import type { TestApp } from '../support/test-app';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Siri><ServiceDelivery><SituationExchangeDelivery><Situations><PtSituationElement>
<SituationNumber>x</SituationNumber><Summary>&lol9;</Summary>
<Affects><StopPlaces><AffectedStopPlace><StopPlaceRef>8503000</StopPlaceRef></AffectedStopPlace></StopPlaces></Affects>
</PtSituationElement></Situations></SituationExchangeDelivery></ServiceDelivery></Siri>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<Siri><ServiceDelivery><SituationExchangeDelivery><Situations><PtSituationElement>
<SituationNumber>x</SituationNumber><Summary>&e;</Summary>
<Affects><StopPlaces><AffectedStopPlace><StopPlaceRef>8503000</StopPlaceRef></AffectedStopPlace></StopPlaces></Affects>
</PtSituationElement></Situations></SituationExchangeDelivery></ServiceDelivery></Siri>`;

const DEEP = `<Siri><ServiceDelivery>${'<Extensions>'.repeat(60)}${'</Extensions>'.repeat(60)}</ServiceDelivery></Siri>`;

describe('Hostile and broken SIRI bodies (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await appWithSbb();
  });
  afterAll(() => t.close());

  it.each([
    ['an XML bomb (billion laughs)', BILLION_LAUGHS, /DOCTYPE: entity declarations and external entities are not accepted/],
    ['an external entity', EXTERNAL_ENTITY, /DOCTYPE: entity declarations and external entities are not accepted/],
    [
      'an entity reference without a declaration',
      '<Siri><ServiceDelivery>&e;</ServiceDelivery></Siri>',
      /not well-formed XML: .*undefined entity/i,
    ],
    ['malformed XML', '<Siri><ServiceDelivery></Siri>', /not well-formed XML/],
    [
      'a non-SIRI document',
      '<rss version="2.0"><channel><title>News</title></channel></rss>',
      /not a SIRI document: the root element is <rss>, expected <Siri>/,
    ],
    [
      'SIRI without a delivery Headway reads',
      '<Siri><ServiceDelivery><ResponseTimestamp>2026-12-14T07:55:00+01:00</ResponseTimestamp></ServiceDelivery></Siri>',
      /no EstimatedTimetableDelivery or SituationExchangeDelivery/,
    ],
    ['XML nested too deep', DEEP, /nests deeper than 40 elements/],
    [
      'not UTF-8',
      Buffer.from([0x3c, 0x53, 0x69, 0x72, 0x69, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x53, 0x69, 0x72, 0x69, 0x3e]),
      /not valid UTF-8/,
    ],
  ])('answers %s with a 400 naming the cause, and changes nothing', async (_, body, message) => {
    const before = await boardOf(t, 'sbb-8503000');
    const res = await pushSiri(t, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ statusCode: 400, error: 'invalid_feed', message: expect.stringMatching(message) });
    expect(await boardOf(t, 'sbb-8503000')).toEqual(before);
  });

  it('keeps the failures in the health of the source they were for', async () => {
    const sx = await sourceOf(t, 'siri-sx');
    expect(sx?.errors.map((e) => e.message)).toContain(
      'the document has a DOCTYPE: entity declarations and external entities are not accepted in SIRI',
    );
    expect(sx?.lastSuccessAt).toBeNull();
    expect((await sourceOf(t, 'siri-et'))?.errors[0].message).toMatch(/not valid UTF-8/);
  });

  it('refuses a body that is not sent as XML (415)', async () => {
    const res = await pushSiri(t, siriFixture('et-zurich.xml'), undefined, 'application/json');
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toBe(
      'Send the SIRI delivery as application/xml or text/xml, not "application/json"',
    );
  });

  it('refuses a body over FEED_BODY_LIMIT_BYTES (413) before reading it', async () => {
    const small = await appWithSbb({ FEED_BODY_LIMIT_BYTES: '4096' });
    try {
      const res = await pushSiri(small, siriFixture('et-zurich.xml'));
      expect(res.status).toBe(413);
      expect(((await res.json()) as { message: string }).message).toMatch(/FEED_BODY_LIMIT_BYTES/);
    } finally {
      await small.close();
    }
  });
});
