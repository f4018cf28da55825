import type { PostAlertBody } from '#shared/api';

/** Bodies the API docs offer for posting an alert; typed, so they follow the contract. */
export const POST_ALERT_EXAMPLES: Record<string, { summary: string; value: PostAlertBody }> = {
  now: {
    summary: 'An alert shown until it is cleared',
    value: { severity: 'warning', text: 'No trains to Winterthur until 10:00 after a signal failure' },
  },
  planned: {
    summary: 'Planned works, shown in a time window',
    value: {
      severity: 'info',
      text: 'Platform 3 closed for works',
      validFrom: '2026-11-28T22:00:00+01:00',
      validUntil: '2026-11-30T05:00:00+01:00',
    },
  },
};
