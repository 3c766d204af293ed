import { describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { fenToYuanText, formatYuan, parseYuanInput, yuanToFen } from '../../common/money';

describe('yuanToFen', () => {
  it.each([
    ['9975.000000', 997500],
    ['8', 800],
    ['0.1', 10],
    ['-0.50', -50],
    ['12.345', 1235],
    ['12.344', 1234],
    ['-12.345', -1235],
    ['-0.001', 0],
  ])('converts %s to %i fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it('converts numbers without float drift', () => {
    expect(yuanToFen(8)).toBe(800);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(-5.346)).toBe(-535);
  });

  it.each(['', 'abc', '1e3', '1,000', 'null', '12.'])('rejects %j', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });
});

describe('fenToYuanText', () => {
  it('formats the wire decimal', () => {
    expect(fenToYuanText(1234)).toBe('12.34');
    expect(fenToYuanText(-500)).toBe('-5.00');
    expect(fenToYuanText(5)).toBe('0.05');
  });

  it('throws on fractional fen', () => {
    expect(() => fenToYuanText(1.5)).toThrow(TypeError);
  });
});

describe('parseYuanInput', () => {
  it('accepts up to two decimals', () => {
    expect(parseYuanInput('12')).toEqual({ ok: true, fen: 1200 });
    expect(parseYuanInput(' 12.3 ')).toEqual({ ok: true, fen: 1230 });
    expect(parseYuanInput('0.01')).toEqual({ ok: true, fen: 1 });
  });

  it('accepts full-width digits and periods', () => {
    expect(parseYuanInput('１２')).toEqual({ ok: true, fen: 1200 });
    expect(parseYuanInput('12。5')).toEqual({ ok: true, fen: 1250 });
    expect(parseYuanInput('１２．３４')).toEqual({ ok: true, fen: 1234 });
    expect(parseYuanInput('\u3000８。０１\u3000')).toEqual({ ok: true, fen: 801 });
    expect(parseYuanInput('１２。３４５')).toEqual({ ok: false, error: 'too-many-decimals' });
    expect(parseYuanInput('－５')).toEqual({ ok: false, error: 'not-a-number' });
  });

  it.each([
    ['', 'empty'],
    ['12.345', 'too-many-decimals'],
    ['-5', 'not-a-number'],
    ['1e3', 'not-a-number'],
    ['0', 'not-positive'],
    ['0.00', 'not-positive'],
    ['1000000.01', 'too-large'],
  ])('rejects %j as %s', (text, error) => {
    expect(parseYuanInput(text)).toEqual({ ok: false, error });
  });
});

describe('formatYuan', () => {
  it('groups thousands', () => {
    expect(formatYuan(123456789)).toBe('1,234,567.89');
    expect(formatYuan(-100)).toBe('-1.00');
  });
});

describe('node:sqlite', () => {
  it('is available in the test runtime', () => {
    const db = new DatabaseSync(':memory:');
    expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
  });
});
