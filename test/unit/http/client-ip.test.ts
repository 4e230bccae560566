import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { clientIp } from '../../../functions/src/http/client-ip.ts';

const request = (forwardedFor: string | undefined, remoteAddress = '10.0.0.9') =>
  ({ get: (name: string) => (name === 'x-forwarded-for' ? forwardedFor : undefined), socket: { remoteAddress } }) as unknown as Request;

describe('the caller’s IP', () => {
  it('is the entry the last trusted proxy appended, whatever the caller put before it', () => {
    expect(clientIp(request('6.6.6.6, 1.2.3.4, 35.191.0.1'), 1)).toBe('35.191.0.1');
    expect(clientIp(request('6.6.6.6, 1.2.3.4, 35.191.0.1'), 2)).toBe('1.2.3.4');
  });

  it('is the first entry when more proxies are trusted than the header holds', () => {
    expect(clientIp(request('1.2.3.4'), 3)).toBe('1.2.3.4');
  });

  it('is the socket’s address without the header or with no trusted proxy', () => {
    expect(clientIp(request(undefined), 1)).toBe('10.0.0.9');
    expect(clientIp(request('6.6.6.6'), 0)).toBe('10.0.0.9');
  });
});
