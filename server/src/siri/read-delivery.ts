import { FeedError } from '../gtfs-rt/feed-error';
import type { SiriCall, SiriDelivery, SiriJourney } from './siri-delivery';
import { readSituation } from './read-situation';
import { child, children, flag, instant, parseXml, textOf, type XmlElement } from './siri-xml';

/**
 * Reads a SIRI document (`<Siri><ServiceDelivery>`) with EstimatedTimetable and/or SituationExchange
 * deliveries. Throws `FeedError` for a body that is not XML, not SIRI, or carries neither delivery.
 */
export function readDelivery(body: Buffer): SiriDelivery {
  const root = parseXml(body);
  if (root.name !== 'Siri') throw new FeedError(`not a SIRI document: the root element is <${root.name.slice(0, 40)}>, expected <Siri>`);
  const service = child(root, 'ServiceDelivery');
  if (!service) throw new FeedError('the SIRI document has no ServiceDelivery');
  const et = children(service, 'EstimatedTimetableDelivery');
  const sx = children(service, 'SituationExchangeDelivery');
  if (et.length === 0 && sx.length === 0)
    throw new FeedError('the ServiceDelivery has no EstimatedTimetableDelivery or SituationExchangeDelivery');
  for (const delivery of [service, ...et, ...sx]) {
    if (textOf(delivery, 'Status') === 'false') {
      const condition = child(delivery, 'ErrorCondition');
      const why = condition ? (textOf(condition, 'Description') ?? condition.children[0]?.name ?? 'no description') : 'no description';
      throw new FeedError(`the SIRI delivery reports an error (Status false): ${why.slice(0, 200)}`);
    }
  }
  return {
    responseTimestamp: instant(textOf(service, 'ResponseTimestamp')) ?? null,
    journeys:
      et.length === 0
        ? null
        : et.flatMap((d) =>
            children(d, 'EstimatedJourneyVersionFrame').flatMap((f) => children(f, 'EstimatedVehicleJourney').map(readJourney)),
          ),
    situations: sx.length === 0 ? null : sx.flatMap((d) => children(child(d, 'Situations'), 'PtSituationElement').map(readSituation)),
  };
}

function readJourney(journey: XmlElement): SiriJourney {
  const framed = child(journey, 'FramedVehicleJourneyRef');
  const journeyRef = textOf(journey, 'DatedVehicleJourneyRef') ?? textOf(framed, 'DatedVehicleJourneyRef');
  const calls = [
    ...children(child(journey, 'RecordedCalls'), 'RecordedCall').map((c) => readCall(c, true)),
    ...children(child(journey, 'EstimatedCalls'), 'EstimatedCall').map((c) => readCall(c, false)),
  ];
  const lineRef = textOf(journey, 'LineRef');
  const originAimedDeparture = instant(textOf(journey, 'OriginAimedDepartureTime'));
  return {
    label: journeyRef ? `journey ${journeyRef}` : `line ${lineRef ?? '?'} at ${originAimedDeparture ?? calls[0]?.aimedDeparture ?? '?'}`,
    lineRef,
    publishedLineName: textOf(journey, 'PublishedLineName'),
    journeyRef,
    dataFrameRef: textOf(framed, 'DataFrameRef'),
    originRef: textOf(journey, 'OriginRef'),
    originAimedDeparture,
    directionRef: textOf(journey, 'DirectionRef'),
    cancelled: flag(journey, 'Cancellation'),
    extra: flag(journey, 'ExtraJourney'),
    calls,
  };
}

function readCall(call: XmlElement, recorded: boolean): SiriCall {
  const order = Number(textOf(call, 'Order') ?? textOf(call, 'VisitNumber'));
  return {
    stopPointRef: textOf(call, 'StopPointRef'),
    ...(Number.isInteger(order) && order > 0 ? { order } : {}),
    aimedArrival: instant(textOf(call, 'AimedArrivalTime')),
    expectedArrival: instant(textOf(call, recorded ? 'ActualArrivalTime' : 'ExpectedArrivalTime') ?? textOf(call, 'ExpectedArrivalTime')),
    aimedDeparture: instant(textOf(call, 'AimedDepartureTime')),
    expectedDeparture: instant(
      textOf(call, recorded ? 'ActualDepartureTime' : 'ExpectedDepartureTime') ?? textOf(call, 'ExpectedDepartureTime'),
    ),
    cancelled: flag(call, 'Cancellation'),
    extra: flag(call, 'ExtraCall'),
    departurePlatform: textOf(call, 'DeparturePlatformName'),
    arrivalPlatform: textOf(call, 'ArrivalPlatformName'),
  };
}
