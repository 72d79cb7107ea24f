import { describe, expect, it } from 'vitest';
import { adaptiveDebounce } from '../src/server';

describe('adaptive debounce', () => {
  it('is none for documents up to 4 MB and grows with larger ones, up to 400 ms', () => {
    expect([0, 1_000, 1_200_000, 4_000_000].map(adaptiveDebounce)).toEqual([0, 0, 0, 0]);
    expect([4_000_001, 8_000_000, 16_000_000, 50_000_000].map(adaptiveDebounce)).toEqual([100, 200, 400, 400]);
  });
});
