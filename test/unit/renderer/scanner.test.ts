import { describe, expect, it } from 'vitest';
import { SCAN_MAX_KEY_GAP_MS, SCAN_MAX_MEAN_KEY_GAP_MS, SCAN_MIN_LENGTH, ScanBuffer } from '../../../renderer/lib/scanner';

/** Feeds `text` one key every `gapMs` from `startMs`, then Enter after another gap; returns Enter's step. */
function typeAndEnter(buffer: ScanBuffer, text: string, gapMs: number, startMs = 1000) {
  let time = startMs;
  for (const key of text) {
    buffer.feed(key, time);
    time += gapMs;
  }
  return buffer.feed('Enter', time);
}

describe('ScanBuffer', () => {
  it('recognises a fast burst ending in Enter', () => {
    const step = typeAndEnter(new ScanBuffer(), 'CARD201609016101', 8);
    expect(step).toEqual({ kind: 'scan', code: 'CARD201609016101' });
  });

  it('ignores fast human typing', () => {
    const step = typeAndEnter(new ScanBuffer(), '13900000001', 90);
    expect(step).toEqual({ kind: 'none', burstStarted: false });
  });

  it('treats a mean gap equal to the limit as too slow', () => {
    const step = typeAndEnter(new ScanBuffer(), 'ABCDEF', SCAN_MAX_MEAN_KEY_GAP_MS);
    expect(step.kind).toBe('none');
  });

  it('tolerates one delayed key', () => {
    const buffer = new ScanBuffer();
    const code = 'CARD201609016101';
    let time = 0;
    for (const [index, key] of [...code].entries()) {
      time += index === 8 ? 150 : 5;
      buffer.feed(key, time);
    }
    expect(buffer.feed('Enter', time + 5)).toEqual({ kind: 'scan', code });
  });

  it('rejects a slow mean despite fast keys', () => {
    const buffer = new ScanBuffer();
    buffer.feed('1', 0);
    buffer.feed('2', 180);
    buffer.feed('3', 185);
    buffer.feed('4', 190);
    expect(buffer.feed('Enter', 360).kind).toBe('none');
  });

  it('needs the minimum length', () => {
    const short = 'X'.repeat(SCAN_MIN_LENGTH - 1);
    expect(typeAndEnter(new ScanBuffer(), short, 5).kind).toBe('none');
    expect(typeAndEnter(new ScanBuffer(), `${short}Y`, 5)).toEqual({ kind: 'scan', code: `${short}Y` });
  });

  it('starts a new burst after a pause', () => {
    const buffer = new ScanBuffer();
    buffer.feed('1', 0);
    buffer.feed('2', 10);
    const afterPause = buffer.feed('C', 10 + SCAN_MAX_KEY_GAP_MS + 1);
    expect(afterPause).toEqual({ kind: 'none', burstStarted: true });

    const step = typeAndEnter(buffer, 'ARD1', 5, 10 + SCAN_MAX_KEY_GAP_MS + 6);
    expect(step).toEqual({ kind: 'scan', code: 'CARD1' });
  });

  it('reports burstStarted only for the first key', () => {
    const buffer = new ScanBuffer();
    expect(buffer.feed('A', 100)).toEqual({ kind: 'none', burstStarted: true });
    expect(buffer.feed('B', 105)).toEqual({ kind: 'none', burstStarted: false });
  });

  it('rejects an Enter after a pause', () => {
    const buffer = new ScanBuffer();
    for (const [index, key] of [...'CARD0001'].entries()) buffer.feed(key, index * 5);
    expect(buffer.feed('Enter', 35 + SCAN_MAX_KEY_GAP_MS + 1).kind).toBe('none');
  });

  it('keeps the burst across Shift', () => {
    const buffer = new ScanBuffer();
    buffer.feed('Shift', 0);
    buffer.feed('C', 2);
    buffer.feed('Shift', 4);
    buffer.feed('A', 6);
    buffer.feed('1', 8);
    buffer.feed('2', 10);
    expect(buffer.feed('Enter', 12)).toEqual({ kind: 'scan', code: 'CA12' });
  });

  it('drops the burst on Backspace', () => {
    const buffer = new ScanBuffer();
    buffer.feed('1', 0);
    buffer.feed('2', 5);
    buffer.feed('Backspace', 10);
    buffer.feed('3', 15);
    buffer.feed('4', 20);
    expect(buffer.feed('Enter', 25).kind).toBe('none');
  });

  it('empties after a scan', () => {
    const buffer = new ScanBuffer();
    expect(typeAndEnter(buffer, 'CARD1', 5, 0).kind).toBe('scan');
    expect(buffer.feed('Enter', 35).kind).toBe('none');
  });
});
