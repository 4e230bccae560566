import { describe, expect, it } from 'vitest';
import { undecodableParam } from '../../../functions/src/api/path-errors.ts';

const patterns = ['/clients', '/clients/:id', '/clients/:id/deals', '/admin/managers/:id/offboard', '/admin/bonus/:month/compute'];

describe('the route parameter holding bytes that do not decode', () => {
  it('is named by the pattern the path fits, whatever the trailing slash', () => {
    expect(undecodableParam(patterns, '/clients/%zz')).toBe('id');
    expect(undecodableParam(patterns, '/clients/%zz/deals/')).toBe('id');
    expect(undecodableParam(patterns, '/admin/bonus/%E0%A4%A/compute')).toBe('month');
  });

  it('is none where every parameter decodes or no pattern fits', () => {
    expect(undecodableParam(patterns, '/clients/c%201')).toBeUndefined();
    expect(undecodableParam(patterns, '/nowhere/%zz')).toBeUndefined();
  });
});
