import { describe, expect, it } from 'vitest';
import { clientAddressKey } from './client-address';

describe('client address key', () => {
  it('keeps IPv4, also when mapped into IPv6', () => {
    expect(clientAddressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientAddressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientAddressKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('groups IPv6 by its /64, whatever the spelling', () => {
    const a = clientAddressKey('2001:db8:1:2::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:0db8:0001:0002:ffff:eeee:dddd:cccc')).toBe(a);
    expect(clientAddressKey('2001:db8:1:2:0:0:0:9%eth0')).toBe(a);
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(a);
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('names anything else "unknown"', () => {
    for (const value of [undefined, '', 'not an address', '1.2.3.4.5', ':::']) expect(clientAddressKey(value)).toBe('unknown');
  });
});
