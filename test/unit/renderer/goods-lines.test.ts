import { describe, expect, it } from 'vitest';
import { appendLine, replaceLineField, withoutLine } from '../../../renderer/lib/goods-lines';

// The line arithmetic the return and sale stores share: each call returns a new array and
// leaves the one it was given unchanged.

interface Line {
  key: number;
  goodsCode: string;
  countText: string;
}

function line(key: number, goodsCode = '', countText = '1'): Line {
  return { key, goodsCode, countText };
}

describe('replaceLineField', () => {
  it('sets one field of one line', () => {
    const lines = [line(1, 'A'), line(2, 'B')];
    const result = replaceLineField(lines, 1, 'goodsCode', 'C');
    expect(result).toEqual([line(1, 'A'), line(2, 'C')]);
  });

  it('keeps the other lines and the input', () => {
    const lines = [line(1, 'A'), line(2, 'B')];
    const result = replaceLineField(lines, 1, 'countText', '3');
    expect(result[0]).toBe(lines[0]);
    expect(result[1]).toEqual({ key: 2, goodsCode: 'B', countText: '3' });
    expect(lines[1]).toEqual(line(2, 'B'));
  });

  it('ignores an index past the end', () => {
    const lines = [line(1, 'A')];
    expect(replaceLineField(lines, 5, 'goodsCode', 'X')).toEqual([line(1, 'A')]);
  });
});

describe('appendLine', () => {
  it('appends a new line below the maximum', () => {
    const lines = [line(1, 'A')];
    const result = appendLine(lines, 2, () => line(7));
    expect(result).toEqual([line(1, 'A'), line(7)]);
    expect(lines).toHaveLength(1);
  });

  it('returns null at the maximum', () => {
    let createdCount = 0;
    const makeLine = (): Line => line(100 + createdCount++);
    expect(appendLine([line(1), line(2)], 2, makeLine)).toBeNull();
    expect(createdCount).toBe(0);
  });
});

describe('withoutLine', () => {
  it('removes the line at the index', () => {
    const lines = [line(1, 'A'), line(2, 'B'), line(3, 'C')];
    expect(withoutLine(lines, 1, () => line(9))).toEqual([line(1, 'A'), line(3, 'C')]);
    expect(lines).toHaveLength(3);
  });

  it('replaces the only line with an empty one', () => {
    expect(withoutLine([line(1, 'A', '4')], 0, () => line(9))).toEqual([line(9)]);
  });

  it('ignores an index past the end', () => {
    expect(withoutLine([line(1, 'A')], 3, () => line(9))).toEqual([line(1, 'A')]);
  });
});
