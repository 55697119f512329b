import { clientDigest, clientKey } from './client-key';

describe('who a request counts as', () => {
  it('is the IPv4 address itself, an IPv4-mapped IPv6 address included', () => {
    expect(clientKey({ ip: '203.0.113.7' })).toBe('203.0.113.7');
    expect(clientKey({ ip: '::ffff:203.0.113.7' })).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address: every address of one subscriber’s prefix is one client', () => {
    const one = clientKey({ ip: '2001:db8:1:2:aaaa::1' });
    expect(one).toBe(clientKey({ ip: '2001:db8:1:2:ffff:ffff:ffff:ffff' }));
    expect(one).not.toBe(clientKey({ ip: '2001:db8:1:3::1' }));
  });

  it('gives the chaos agent a digest that holds no address, the same for one /64', () => {
    const digest = clientDigest({ ip: '2001:db8:1:2::1' });
    expect(digest).toMatch(/^[0-9a-f]{32}$/);
    expect(digest).toBe(clientDigest({ ip: '2001:db8:1:2::99' }));
    expect(digest).not.toBe(clientDigest({ ip: '203.0.113.7' }));
  });
});
