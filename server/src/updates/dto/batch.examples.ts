import type { BatchBody } from '#shared/api';

/** Bodies the API docs offer for a batch; typed, so they follow the contract. */
export const BATCH_EXAMPLES: Record<string, { summary: string; value: BatchBody }> = {
  mixed: {
    summary: 'A feed run: a new departure, a delay, a removal and an alert',
    value: {
      updates: [
        {
          op: 'put-departure',
          stationId: 'zurich-hb',
          departureId: 'ic5-0932',
          departure: {
            line: 'IC 5',
            lineColor: '#d52b1e',
            destination: 'Lausanne',
            scheduledTime: '2026-11-23T09:32:00+01:00',
            scheduledPlatform: '16',
          },
        },
        { op: 'patch-departure', stationId: 'zurich-hb', departureId: 's8-20261123T2114', patch: { delayMinutes: 3 } },
        { op: 'remove-departure', stationId: 'winterthur', departureId: 's12-20261123T2040' },
        { op: 'post-alert', stationId: 'winterthur', alert: { severity: 'info', text: 'Platform 3 closed for works' } },
      ],
    },
  },
};
