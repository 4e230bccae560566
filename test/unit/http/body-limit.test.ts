import { describe, expect, it } from 'vitest';
import { bodyLimitFor } from '../../../functions/src/http/body-limit.ts';

describe('the body limit of the function a process serves', () => {
  it('is the public forms’ 16 KB with compressed bodies refused, and the api’s 256 KB inflated', () => {
    expect(bodyLimitFor('signup')).toEqual({ maxBytes: 16 * 1024, compressed: 'refuse' });
    expect(bodyLimitFor('api')).toEqual({ maxBytes: 256 * 1024, compressed: 'inflate' });
  });

  it('is the largest of all, still counted on inflated bytes, where no single function is named', () => {
    expect(bodyLimitFor(undefined)).toEqual({ maxBytes: 256 * 1024, compressed: 'inflate' });
    expect(bodyLimitFor('toString')).toEqual({ maxBytes: 256 * 1024, compressed: 'inflate' });
  });
});
