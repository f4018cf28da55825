import type { LangText, SiriAffects, SiriPeriod, SiriSituation } from './siri-delivery';
import { at, child, children, instant, textOf, type XmlElement } from './siri-xml';

/**
 * One PtSituationElement. Texts come from `Summary`, `ReasonName` and `Description` in every
 * language given; a VDV 736 situation carries them in PublishingActions instead
 * (PassengerInformationAction/TextualContent: SummaryContent, ReasonContent, DescriptionContent),
 * the `general` perspective preferred. Affects come from the situation's own `Affects`, else from
 * the PublishAtScope of its publishing actions.
 */
export function readSituation(element: XmlElement): SiriSituation {
  const textual = vdvTextualContent(element);
  const priority = Number(textOf(element, 'Priority'));
  const own = readAffects([child(element, 'Affects')]);
  const scoped = readAffects(
    children(child(element, 'PublishingActions'), 'PublishingAction').map((a) => at(a, 'PublishAtScope', 'Affects')),
  );
  return {
    situationNumber: textOf(element, 'SituationNumber') ?? '',
    version: textOf(element, 'Version'),
    progress: textOf(element, 'Progress')?.toLowerCase(),
    validity: children(element, 'ValidityPeriod').map(period),
    publicationWindow: children(element, 'PublicationWindow').map(period),
    severity: textOf(element, 'Severity'),
    ...(Number.isInteger(priority) && priority > 0 ? { priority } : {}),
    summary: texts(children(element, 'Summary'), children(child(textual, 'SummaryContent'), 'SummaryText')),
    reason: texts(children(element, 'ReasonName'), children(child(textual, 'ReasonContent'), 'ReasonText')),
    description: texts(children(element, 'Description'), children(child(textual, 'DescriptionContent'), 'DescriptionText')),
    affects: isEmpty(own) ? scoped : own,
  };
}

function period(element: XmlElement): SiriPeriod {
  return { start: instant(textOf(element, 'StartTime')), end: instant(textOf(element, 'EndTime')) };
}

/** The plain element's texts when there are any, else the VDV 736 ones. */
function texts(plain: XmlElement[], vdv: XmlElement[]): LangText[] {
  const chosen = plain.some((e) => e.text !== '') ? plain : vdv;
  return chosen.filter((e) => e.text !== '').map((e) => ({ lang: (e.lang ?? '').trim().toLowerCase(), text: e.text }));
}

/** The TextualContent of the first open passenger information action, the `general` perspective first. */
function vdvTextualContent(element: XmlElement): XmlElement | undefined {
  const actions = children(child(element, 'PublishingActions'), 'PublishingAction')
    .flatMap((a) => children(a, 'PassengerInformationAction'))
    .filter((a) => (textOf(a, 'ActionStatus') ?? 'open').toLowerCase() !== 'closed');
  const general = actions.find((a) => children(a, 'Perspective').some((p) => p.text === 'general'));
  return child(general ?? actions[0], 'TextualContent');
}

function readAffects(affects: Array<XmlElement | undefined>): SiriAffects {
  const result: SiriAffects = { stopPlaceRefs: [], stopPointRefs: [], lineRefs: [], allLines: false };
  for (const element of affects) {
    if (!element) continue;
    for (const place of children(child(element, 'StopPlaces'), 'AffectedStopPlace'))
      push(result.stopPlaceRefs, textOf(place, 'StopPlaceRef'));
    for (const point of children(child(element, 'StopPoints'), 'AffectedStopPoint'))
      push(result.stopPointRefs, textOf(point, 'StopPointRef'));
    for (const network of children(child(element, 'Networks'), 'AffectedNetwork')) {
      if (child(network, 'AllLines')) result.allLines = true;
      for (const line of children(network, 'AffectedLine')) {
        // A line named with its own stops is about those stops, not the whole line.
        const stops = children(child(line, 'StopPoints'), 'AffectedStopPoint');
        if (stops.length > 0) stops.forEach((s) => push(result.stopPointRefs, textOf(s, 'StopPointRef')));
        else push(result.lineRefs, textOf(line, 'LineRef'));
      }
    }
  }
  return result;
}

function push(list: string[], value: string | undefined): void {
  if (value !== undefined && !list.includes(value)) list.push(value);
}

function isEmpty(affects: SiriAffects): boolean {
  return !affects.allLines && affects.stopPlaceRefs.length + affects.stopPointRefs.length + affects.lineRefs.length === 0;
}
