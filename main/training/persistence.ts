import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { stateSchema, type SimState } from './state';

export type LoadResult =
  | { kind: 'loaded'; state: SimState }
  | { kind: 'missing' }
  /** The file could not be read as a training state; it was renamed to `movedTo`. */
  | { kind: 'damaged'; movedTo: string; reason: string };

/** Loads the state from `dataFile`. A damaged file is renamed aside, never overwritten. */
export function loadState(dataFile: string, now: Date): LoadResult {
  if (!existsSync(dataFile)) return { kind: 'missing' };

  let reason: string;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(dataFile, 'utf8')));
    if (parsed.success) return { kind: 'loaded', state: parsed.data };
    reason = `invalid state: ${parsed.error.issues[0]?.message ?? 'unknown'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`;
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }

  const movedTo = `${dataFile}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(dataFile, movedTo);
  return { kind: 'damaged', movedTo, reason };
}

/**
 * Saves the state atomically: writes a temporary file beside `dataFile`, flushes it to disk,
 * renames it over `dataFile` and flushes the folder, so a crash at any moment leaves either the
 * old or the new state, never a mix.
 */
export function saveState(dataFile: string, state: SimState): void {
  const temporaryFile = `${dataFile}.tmp-${process.pid}`;
  const descriptor = openSync(temporaryFile, 'w', 0o600);
  try {
    writeSync(descriptor, JSON.stringify(state));
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporaryFile, dataFile);
  syncFolder(dirname(dataFile));
}

function syncFolder(folder: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(folder, 'r');
    fsyncSync(descriptor);
  } catch {
    // Some platforms (Windows) cannot open or flush a folder; the rename is still atomic there.
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
