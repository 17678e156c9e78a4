import { describe, expect, it } from 'vitest';
import { sameResult, sameValue, type SqlValue } from '../../src/core/sql-result.js';

const two = ['a', 'b'];
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('sameValue', () => {
  it.each<{ a: SqlValue; b: SqlValue; same: boolean }>([
    { a: null, b: null, same: true },
    { a: null, b: 0, same: false },
    { a: null, b: '', same: false },
    { a: 3, b: 3.0, same: true },
    { a: 0.1 + 0.2, b: 0.3, same: true },
    { a: 1e12 + 1e-4, b: 1e12, same: true }, // relative tolerance
    { a: 1e-12, b: 0, same: true }, // absolute tolerance near zero
    { a: 1.000001, b: 1, same: false },
    { a: 3, b: 4, same: false },
    { a: Infinity, b: Infinity, same: true },
    { a: Infinity, b: -Infinity, same: false },
    { a: '3', b: 3, same: false },
    { a: 3, b: '3', same: false },
    { a: 'x', b: 'X', same: false },
    { a: 'x ', b: 'x', same: false },
    { a: bytes(1, 2), b: bytes(1, 2), same: true },
    { a: bytes(1, 2), b: bytes(1, 3), same: false },
    { a: bytes(1), b: bytes(1, 0), same: false },
    { a: bytes(0x61), b: 'a', same: false },
  ])('$a vs $b: $same', ({ a, b, same }) => {
    expect(sameValue(a, b)).toBe(same);
    expect(sameValue(b, a)).toBe(same);
  });
});

describe('sameResult', () => {
  it.each<{
    name: string;
    expected: SqlValue[][];
    actual: SqlValue[][];
    ordered: boolean;
    reason?: string;
    columns?: string[];
  }>([
    { name: 'identical', expected: [[1, 'x']], actual: [[1, 'x']], ordered: true },
    {
      name: 'unordered: any row order',
      expected: [
        [1, 'x'],
        [2, 'y'],
      ],
      actual: [
        [2, 'y'],
        [1, 'x'],
      ],
      ordered: false,
    },
    {
      name: 'ordered: the order counts',
      expected: [
        [1, 'x'],
        [2, 'y'],
      ],
      actual: [
        [2, 'y'],
        [1, 'x'],
      ],
      ordered: true,
      reason: 'row 1 differs in column 1: 2, expected 1',
    },
    {
      name: 'duplicates count (multiset, not set)',
      expected: [[1], [1], [2]],
      actual: [[1], [2], [2]],
      ordered: false,
      reason: 'row (1) is missing',
    },
    {
      name: 'an extra copy of a row is unexpected',
      expected: [[1], [2], [3]],
      actual: [[1], [1], [2]],
      ordered: false,
      reason: 'unexpected row (1)',
    },
    { name: 'duplicates in any order', expected: [[2], [1], [2]], actual: [[2], [2], [1]], ordered: false },
    {
      name: 'NULL equals NULL',
      expected: [
        [null, 'x'],
        [1, null],
      ],
      actual: [
        [1, null],
        [null, 'x'],
      ],
      ordered: false,
    },
    {
      name: 'NULL is not zero',
      expected: [[null]],
      actual: [[0]],
      ordered: false,
      reason: 'row (NULL) is missing',
    },
    { name: 'integer equals real', expected: [[3, 2.5]], actual: [[3.0, 2.5]], ordered: true },
    {
      name: 'reals within tolerance, unordered among other rows',
      expected: [[0.3], [0.1], [0.7]],
      actual: [[0.7], [0.1 + 0.2], [0.1]],
      ordered: false,
    },
    {
      name: 'text is not a number',
      expected: [[3]],
      actual: [['3']],
      ordered: true,
      reason: "row 1 differs in column 1: '3', expected 3",
    },
    {
      name: 'text compares exactly',
      expected: [['Ann']],
      actual: [['ann']],
      ordered: false,
      reason: "row ('Ann') is missing",
    },
    {
      name: 'column count',
      expected: [[1, 'x']],
      actual: [[1, 'x', 0]],
      ordered: false,
      columns: ['a', 'b', 'c'],
      reason: '3 columns, expected 2',
    },
    {
      name: 'one column',
      expected: [[1, 'x']],
      actual: [[1]],
      ordered: false,
      columns: ['a'],
      reason: '1 column, expected 2',
    },
    {
      name: 'row count',
      expected: [[1], [2], [3], [4], [5]],
      actual: [[1], [2], [3], [4]],
      ordered: false,
      reason: 'row count 4, expected 5',
    },
    { name: 'both empty', expected: [], actual: [], ordered: false },
    {
      name: 'empty when rows are expected',
      expected: [[1]],
      actual: [],
      ordered: false,
      reason: 'row count 0, expected 1',
    },
    {
      name: 'blobs bytewise',
      expected: [[bytes(1, 2)]],
      actual: [[bytes(1, 2)]],
      ordered: true,
    },
    {
      name: 'blob differs',
      expected: [[bytes(0xab)]],
      actual: [[bytes(0xac)]],
      ordered: true,
      reason: "row 1 differs in column 1: X'AC', expected X'AB'",
    },
  ])('$name', ({ expected, actual, ordered, reason, columns }) => {
    const result = sameResult(
      { columns: two.slice(0, expected[0]?.length ?? 2), rows: expected },
      { columns: columns ?? two.slice(0, expected[0]?.length ?? 2), rows: actual },
      ordered,
    );
    expect(result).toEqual(reason === undefined ? { equal: true } : { equal: false, reason });
  });

  it('ignores column names', () => {
    expect(sameResult({ columns: ['id'], rows: [[1]] }, { columns: ['x'], rows: [[1]] }, true)).toEqual({
      equal: true,
    });
  });

  it('keeps a reason to one short line', () => {
    const long = `a\n${'x'.repeat(500)}`;
    const result = sameResult({ columns: ['a'], rows: [['b']] }, { columns: ['a'], rows: [[long]] }, true);
    expect(result.equal).toBe(false);
    if (!result.equal) {
      expect(result.reason).not.toContain('\n');
      expect(result.reason.length).toBeLessThan(100);
    }
  });
});
