import { readFile } from 'node:fs/promises';
import { CliError } from './options';

/** ISO 8601 date and time with seconds and an explicit zone, e.g. 2026-12-04T15:30:12+08:00. */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads an order or return upload from a JSON file in the client's own field names. The fields
 * named in `timeFields` become Dates. A time without a zone is rejected because it would be read
 * in the machine's zone, which need not be the store's. Everything else is checked by the client.
 */
export async function readUploadFile(path: string, timeFields: readonly string[]): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError('invalid-input', 'fileUnreadable', { file: path, detail });
  }

  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new CliError('invalid-input', 'fileNotJson', { file: path, detail: error instanceof Error ? error.message : String(error) });
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new CliError('invalid-input', 'fileNotObject', { file: path });
  }

  const upload = { ...(content as Record<string, unknown>) };
  for (const field of timeFields) {
    const value = upload[field];
    if (value === undefined) continue;
    const time = typeof value === 'string' && ZONED_TIME.test(value) ? new Date(value) : null;
    if (time === null || Number.isNaN(time.getTime())) throw new CliError('invalid-input', 'badFileTime', { field });
    upload[field] = time;
  }
  return upload;
}
