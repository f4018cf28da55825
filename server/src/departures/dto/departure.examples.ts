import type { PatchDepartureBody, PutDepartureBody } from '#shared/api';

/** Bodies the API docs offer for a departure's PUT and PATCH; typed, so they follow the contract. */
type Examples<T> = Record<string, { summary: string; value: T }>;

export const PUT_DEPARTURE_EXAMPLES: Examples<PutDepartureBody> = {
  timetable: {
    summary: 'A feed creates or replaces a departure',
    value: {
      line: 'IC 5',
      lineColor: '#d52b1e',
      destination: 'Lausanne',
      via: ['Olten', 'Biel/Bienne'],
      scheduledTime: '2026-11-23T09:32:00+01:00',
      scheduledPlatform: '16',
    },
  },
  realtime: {
    summary: 'With an estimate, a platform change and a remark',
    value: {
      line: 'S8',
      lineColor: '#0a7cc2',
      destination: 'Winterthur',
      scheduledTime: '2026-11-23T21:14:00Z',
      expectedTime: '2026-11-23T21:19:00Z',
      scheduledPlatform: '33',
      platform: '34',
      remarks: ['Delay due to a signal failure'],
    },
  },
  arrival: {
    summary: 'An arrival row, for arrival boards',
    value: {
      kind: 'arrival',
      line: 'S8',
      lineColor: '#0a7cc2',
      destination: 'Zürich HB',
      origin: 'Winterthur',
      scheduledTime: '2026-11-23T21:05:00Z',
      scheduledPlatform: '33',
    },
  },
};

export const PATCH_DEPARTURE_EXAMPLES: Examples<PatchDepartureBody> = {
  delay: {
    summary: 'A 16-minute delay and a platform change',
    value: { delayMinutes: 16, platform: '34', remarks: ['Delay due to a signal failure'] },
  },
  cancel: { summary: 'Cancel it, with the reason passengers will read', value: { cancelled: true, cancelReason: 'Staff shortage' } },
  hold: {
    summary: 'An estimate that holds against the feed until 10:00',
    value: { expectedTime: '2026-11-23T09:41:00+01:00', overrideUntil: '2026-11-23T10:00:00+01:00' },
  },
  release: { summary: 'Hand the departure back to the feed', value: { releaseOverride: true } },
};
