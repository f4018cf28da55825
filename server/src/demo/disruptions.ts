import type { PatchDepartureBody } from '#shared/api';
import type { Departure } from '#shared/board';
import { delayMinutes } from '#shared/departure-status';

const CANCEL_REASONS = ['Staff shortage', 'Technical fault on the train', 'Signal failure', 'Late arrival of the connecting train'];
const DELAY_REMARKS = [
  'Delay due to a signal failure',
  'Delay due to late arrival of the train',
  'Delay due to emergency services on the line',
];

/** A plausible change for a departure, the way a control room sees them: mostly delays. */
export function pickDisruption(d: Departure, random: () => number): PatchDepartureBody {
  const roll = random();
  if (d.status === 'cancelled') return { cancelled: false, remarks: [] };
  if (roll < 0.55) {
    const delay = Math.min(90, Math.max(0, delayMinutes(d.scheduledTime, d.expectedTime)) + 1 + Math.floor(random() * 8));
    return delay >= 5
      ? { delayMinutes: delay, remarks: [DELAY_REMARKS[Math.floor(random() * DELAY_REMARKS.length)]] }
      : { delayMinutes: delay };
  }
  if (roll < 0.75 && d.scheduledPlatform && /^\d+$/.test(d.scheduledPlatform)) {
    const shift = random() < 0.5 ? -1 : 1;
    const platform = String(Math.max(1, Number(d.scheduledPlatform) + shift));
    return { platform: platform === d.platform ? null : platform };
  }
  if (roll < 0.82) return { cancelled: true, cancelReason: CANCEL_REASONS[Math.floor(random() * CANCEL_REASONS.length)] };
  return { delayMinutes: 0, remarks: [] };
}
