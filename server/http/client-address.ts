import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a client address is throttled under. IPv4 as is (also when it arrives mapped
 * into IPv6); IPv6 by its /64 network, since one machine is usually given a whole /64 and
 * could otherwise change address at every attempt.
 *
 * Only the socket's own address is used. X-Forwarded-For is not trusted: any client can
 * write it. (Behind a reverse proxy every client would share the proxy's address; HQ is
 * meant to be reached directly, see docs/security.md.)
 */
export function clientAddressKey(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined || remoteAddress === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIPv4(remoteAddress)) return remoteAddress;
  const [bare = ''] = remoteAddress.split('%');
  if (!isIPv6(bare)) return 'unknown';
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, as lower-case hex without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const toGroups = (part: string): string[] => {
    if (part === '') return [];
    const groups = part.split(':');
    const last = groups[groups.length - 1] ?? '';
    // A trailing dotted IPv4 (::1.2.3.4) stands for two groups.
    if (isIPv4(last)) {
      const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
      groups.splice(groups.length - 1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
    }
    return groups;
  };
  const front = toGroups(head);
  const back = tail === undefined ? [] : toGroups(tail);
  const zeros = Array.from({ length: 8 - front.length - back.length }, () => '0');
  return [...front, ...zeros, ...back].map((group) => Number.parseInt(group, 16).toString(16));
}
