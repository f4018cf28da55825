/** Enough of a user agent to tell a kiosk's browser apart, without storing a fingerprint. */
export function shortAgent(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const match = /(Chrome|Firefox|Safari|Edg|OPR)\/(\d+)/.exec(userAgent);
  return match ? `${match[1]} ${match[2]}` : userAgent.slice(0, 40);
}
