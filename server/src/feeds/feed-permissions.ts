import { mayChange, type Permission, type Principal } from '#shared/auth';
import { CHANGE_KINDS, type ChangeType } from '#shared/board-event';
import type { PendingChange } from '../store/append-changes';

/** The permission each kind of board change needs, whatever route or feed carries it: that of the rows it touches. */
export function changePermission(type: ChangeType): Extract<Permission, 'departures' | 'alerts'> {
  return CHANGE_KINDS[type].rows;
}

/** Changes of one kind refused at one station: what the match report says. */
export interface RefusedChanges {
  permission: 'departures' | 'alerts';
  stationId: string;
  count: number;
}

/** Who a feed's data acts for: the pusher, or the one who set up the pull; `null` principal when that one is gone. */
export interface FeedActor {
  principal: Principal | null;
  /** `Token "ops-feed"`, or what is known of a principal that no longer exists. */
  label: string;
}

export function actorOf(principal: Principal): FeedActor {
  return { principal, label: `${principal.kind === 'user' ? 'User' : 'Token'} "${principal.name}"` };
}

/**
 * Splits a message's changes into those `actor` may make and those it may not, per kind and
 * station. A feed message is no back door: it needs the same permission at the same station as
 * the alerts and departures routes would.
 */
export function permittedChanges(changes: PendingChange[], actor: FeedActor): { allowed: PendingChange[]; refused: RefusedChanges[] } {
  const allowed: PendingChange[] = [];
  const refused = new Map<string, RefusedChanges>();
  for (const change of changes) {
    const permission = changePermission(change.change.type);
    if (actor.principal && mayChange(actor.principal, permission, change.stationId)) {
      allowed.push(change);
      continue;
    }
    const key = `${permission}\n${change.stationId}`;
    const entry = refused.get(key) ?? { permission, stationId: change.stationId, count: 0 };
    entry.count += 1;
    refused.set(key, entry);
  }
  return { allowed, refused: [...refused.values()] };
}

/** "3 alerts refused: Token "x" may not change alerts at station "y"". */
export function describeRefusal(refusal: RefusedChanges, actor: FeedActor): string {
  const what =
    refusal.permission === 'alerts' ? (refusal.count === 1 ? 'alert' : 'alerts') : refusal.count === 1 ? 'departure' : 'departures';
  return `${refusal.count} ${what} refused: ${actor.label} may not change ${refusal.permission} at station "${refusal.stationId}"`;
}
