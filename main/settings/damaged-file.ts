import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename } from 'node:path';
import type { DamagedSettingsNotice } from '../../common/contract/settings';

// A settings file that cannot be parsed, or whose content is invalid, must not stop the till
// from starting. It is renamed to `<name>.damaged-<UTC time>` so nothing is lost, and the caller
// shows the manager a notice and requests the settings again.

/**
 * Moves the JSON file at `path` aside when it cannot be parsed or `isValid` rejects its content.
 * Returns what was done, or null when the file is missing or valid.
 */
export function quarantineIfDamaged(path: string, isValid: (content: unknown) => boolean, now: Date): DamagedSettingsNotice | null {
  if (!existsSync(path)) return null;

  let content: unknown;
  try {
    content = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return moveAside(path, now);
  }

  return isValid(content) ? null : moveAside(path, now);
}

/** Renames `path` to `<path>.damaged-20261204T073012Z`, adding `-2`, `-3`, … if that name is taken. */
export function moveAside(path: string, now: Date): DamagedSettingsNotice {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  let target = `${path}.damaged-${stamp}`;
  for (let suffix = 2; existsSync(target); suffix += 1) {
    target = `${path}.damaged-${stamp}-${suffix}`;
  }

  renameSync(path, target);
  return { fileName: basename(target), detectedAt: now.toISOString() };
}
