import { BlockList, isIP } from 'node:net';

/**
 * Where a feed URL may point. A feed is fetched by the server, from inside its network: a URL on
 * loopback, a private LAN or a cloud's metadata address would let whoever sets it probe (or read)
 * what only the server can reach. Pure: the fetcher applies the same rule to every address a
 * hostname resolves to, and to every redirect.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, with the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10],
  ['ff00::', 8], // multicast
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

/** Hostnames that name the machine itself whatever DNS says. */
const LOCAL_NAMES = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$|\.localhost$/i;

/** Whether `address` (an IP literal) is loopback, link-local, private or otherwise not on the internet; IPv4-mapped IPv6 counts as its IPv4. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  return PRIVATE.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why the server may not fetch `url`, judged from the URL alone (a literal address or a local
 * name); `null` when it may. Hostnames are checked again once resolved.
 */
export function targetProblem(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return 'is not a URL';
  }
  if (LOCAL_NAMES.test(host.replace(/\.$/, '')) || isPrivateAddress(host)) {
    return 'points to a loopback, link-local or private address, which the server does not fetch (FEED_ALLOW_PRIVATE=on allows it)';
  }
  return null;
}
