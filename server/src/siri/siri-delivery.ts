/**
 * The parts of a SIRI ServiceDelivery Headway reads (SIRI 2.x, CEN/TS 15531), as plain data:
 * EstimatedTimetable journeys and SituationExchange situations. Times are ISO instants as the
 * producer wrote them (with their offset); absent elements are absent.
 */

/** One call of a journey: an EstimatedCall, or a RecordedCall (already served; its actual times count as expected). */
export interface SiriCall {
  stopPointRef?: string;
  /** `Order`: the call's position in the journey, 1-based. */
  order?: number;
  aimedArrival?: string;
  expectedArrival?: string;
  aimedDeparture?: string;
  expectedDeparture?: string;
  /** `Cancellation`: the journey does not stop here. */
  cancelled: boolean;
  /** `ExtraCall`: a stop the timetable does not have. */
  extra: boolean;
  departurePlatform?: string;
  arrivalPlatform?: string;
}

/** One EstimatedVehicleJourney. */
export interface SiriJourney {
  /** How problems name it: the journey ref, else line and aimed departure. */
  label: string;
  lineRef?: string;
  publishedLineName?: string;
  /** `DatedVehicleJourneyRef`, or that of `FramedVehicleJourneyRef`. */
  journeyRef?: string;
  /** `FramedVehicleJourneyRef/DataFrameRef`: the operating day, `YYYY-MM-DD` by convention. */
  dataFrameRef?: string;
  originRef?: string;
  originAimedDeparture?: string;
  directionRef?: string;
  cancelled: boolean;
  /** `ExtraJourney`: a journey the timetable does not have. */
  extra: boolean;
  /** Recorded calls first, then estimated ones, in journey order. */
  calls: SiriCall[];
}

/** A text in one language (`lang` lowercased; `''` when the producer gave none). */
export interface LangText {
  lang: string;
  text: string;
}

export interface SiriPeriod {
  start?: string;
  end?: string;
}

/** What a situation's `Affects` name: the stops and lines it is about. */
export interface SiriAffects {
  stopPlaceRefs: string[];
  stopPointRefs: string[];
  lineRefs: string[];
  /** `AllLines` (or an operator-wide situation): the whole network. */
  allLines: boolean;
}

/** One PtSituationElement, with the VDV 736 PublishingActions texts folded in where the plain elements are missing. */
export interface SiriSituation {
  situationNumber: string;
  version?: string;
  /** `open`, `published`, `closing`, `closed` … */
  progress?: string;
  validity: SiriPeriod[];
  publicationWindow: SiriPeriod[];
  severity?: string;
  priority?: number;
  summary: LangText[];
  reason: LangText[];
  description: LangText[];
  affects: SiriAffects;
}

/** A ServiceDelivery's content: `null` for a delivery kind it does not carry. */
export interface SiriDelivery {
  responseTimestamp: string | null;
  journeys: SiriJourney[] | null;
  situations: SiriSituation[] | null;
}
