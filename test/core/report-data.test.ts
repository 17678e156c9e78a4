// Pure helpers of the report rows.
import { describe, expect, it } from 'vitest';
import { formatMinutes } from '../../src/core/report-data.js';

describe('formatMinutes', () => {
  it.each([
    [0.5, '0.5'],
    [0.04, '0.0'],
    [9.94, '9.9'],
    [12.4, '12'],
    [45.6, '46'],
  ])('%s minutes reads %s', (minutes, shown) => {
    expect(formatMinutes(minutes)).toBe(shown);
  });
});
