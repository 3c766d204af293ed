// Recognition of keyboard-wedge scans. A scanner "types" the code it read, key after key with a
// few milliseconds between them, and ends with Enter. A person at the keyboard cannot keep up
// that pace over several keys: 50 ms a key is 1,200 keys a minute.

/** Maximum mean time in ms between the keys of a scan, from its first character to Enter. */
export const SCAN_MAX_MEAN_KEY_GAP_MS = 50;

/**
 * Maximum time in ms between any two keys of one scan; a longer pause starts a new burst. It is
 * well above the mean limit because a busy machine (or a Bluetooth scanner) can delay a single key
 * while the rest arrive at scanner pace.
 */
export const SCAN_MAX_KEY_GAP_MS = 200;

/** Minimum number of characters before Enter for a burst to count as a scan. */
export const SCAN_MIN_LENGTH = 4;

/** Keys that scanners send around characters (Shift for capitals) without ending a burst. */
const IGNORED_KEYS = new Set(['Shift', 'CapsLock', 'Alt', 'Control', 'Meta', 'AltGraph']);

export type ScanStep =
  /** The key does not end a scan. */
  | { kind: 'none'; burstStarted: boolean }
  /** The key is the Enter that ends a scan; `code` is the characters before it. */
  | { kind: 'scan'; code: string };

/**
 * A buffer of fast keys. Feed it every keydown with its timestamp, and it reports the Enter that
 * ends a scan. `burstStarted` is true for the key that begins a new buffer, so a caller can
 * remember which input had focus before the scan's characters went into it.
 */
export class ScanBuffer {
  private characters = '';
  private burstStartMs = 0;
  private lastKeyTimeMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly maxMeanKeyGapMs = SCAN_MAX_MEAN_KEY_GAP_MS,
    private readonly maxKeyGapMs = SCAN_MAX_KEY_GAP_MS,
    private readonly minLength = SCAN_MIN_LENGTH,
  ) {}

  feed(key: string, timeMs: number): ScanStep {
    if (IGNORED_KEYS.has(key)) return { kind: 'none', burstStarted: false };

    const withinGap = timeMs - this.lastKeyTimeMs <= this.maxKeyGapMs;
    this.lastKeyTimeMs = timeMs;

    if (key === 'Enter') {
      const code = this.characters;
      this.characters = '';
      // The burst has one gap per character: between the characters, and from the last one to Enter.
      const meanGapMs = (timeMs - this.burstStartMs) / code.length;
      if (withinGap && code.length >= this.minLength && meanGapMs < this.maxMeanKeyGapMs) {
        return { kind: 'scan', code };
      }
      return { kind: 'none', burstStarted: false };
    }

    if (key.length !== 1) {
      // Backspace, arrows, F-keys: a person is typing, so whatever was buffered is no scan.
      this.characters = '';
      return { kind: 'none', burstStarted: false };
    }

    const burstStarted = !withinGap || this.characters === '';
    if (burstStarted) {
      this.characters = key;
      this.burstStartMs = timeMs;
    } else {
      this.characters += key;
    }
    return { kind: 'none', burstStarted };
  }

  reset(): void {
    this.characters = '';
    this.lastKeyTimeMs = Number.NEGATIVE_INFINITY;
  }
}
