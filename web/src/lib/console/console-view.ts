/** The console's views, one at a time, named in the query (`/admin?view=audit`) so each can be linked to. */
export type ConsoleView = 'station' | 'screens' | 'feeds' | 'audit' | 'users' | 'tokens' | 'templates';

export const VIEW_LABELS: Record<ConsoleView, string> = {
  station: 'Station',
  screens: 'Screens',
  feeds: 'Feeds',
  audit: 'Audit log',
  users: 'Users',
  tokens: 'API tokens',
  templates: 'Templates',
};

/** The views a principal is offered: accounts and tokens are for admins only. */
export function viewsFor(isAdmin: boolean): ConsoleView[] {
  return isAdmin ? ['station', 'screens', 'feeds', 'audit', 'users', 'tokens', 'templates'] : ['station', 'screens', 'feeds', 'audit'];
}

/** A view's address, keeping the station chosen so "Station" returns to it. */
export function viewHref(view: ConsoleView, station: string): string {
  const params = new URLSearchParams();
  if (station) params.set('station', station);
  if (view !== 'station') params.set('view', view);
  const search = params.toString();
  return `/admin${search ? `?${search}` : ''}`;
}

/** The view a query asks for, or the station view when it names none the principal may see. */
export function viewFromQuery(search: string, isAdmin: boolean): ConsoleView {
  const asked = new URLSearchParams(search).get('view');
  return viewsFor(isAdmin).find((view) => view === asked) ?? 'station';
}
