import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionFieldsSchema } from '../../../common/contract/settings';
import { openJournal } from '../../../main/journal';

// The settings and the journal must agree on every store code and till id: a value the settings
// save must open a journal, or the till cannot start once it goes live.

const folder = mkdtempSync(join(tmpdir(), 'till-codes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const CASES: ReadonlyArray<{ storeCode: string; tillId: string; valid: boolean }> = [
  { storeCode: 'S001', tillId: 'T01', valid: true },
  { storeCode: 'S-001', tillId: 'T01', valid: true },
  { storeCode: 'STORE_01', tillId: 'T01', valid: true },
  { storeCode: 'S0000000000000001', tillId: 'T01', valid: true },
  { storeCode: 'S'.repeat(32), tillId: 'T'.repeat(11), valid: true },
  { storeCode: 'S'.repeat(27), tillId: 'T'.repeat(16), valid: true },
  { storeCode: 'S001', tillId: 'T_01', valid: true },
  { storeCode: 'S'.repeat(32), tillId: 'T'.repeat(12), valid: false },
  { storeCode: 'S'.repeat(33), tillId: 'T01', valid: false },
  { storeCode: 'S001', tillId: 'T'.repeat(17), valid: false },
  { storeCode: 'S001', tillId: 'T-01', valid: false },
  { storeCode: 'S 001', tillId: 'T01', valid: false },
  { storeCode: 'S001', tillId: '收银1', valid: false },
];

function settingsAccept(storeCode: string, tillId: string): boolean {
  const fields = { serverUrl: 'http://127.0.0.1:8080/VipaxWS/ws', appid: 'app', storeCode, tillId };
  return connectionFieldsSchema.safeParse(fields).success;
}

function journalOpens(storeCode: string, tillId: string, file: string): boolean {
  try {
    openJournal(join(folder, file), { storeCode, tillId }).close();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

describe('store code and till id rule', () => {
  it.each(CASES.map((testCase, index) => ({ ...testCase, index })))(
    'settings and journal agree on $storeCode / $tillId',
    ({ storeCode, tillId, valid, index }) => {
      expect(settingsAccept(storeCode, tillId)).toBe(valid);
      expect(journalOpens(storeCode, tillId, `journal-${index}.sqlite`)).toBe(valid);
    },
  );

  it('names the till id when both are too long together', () => {
    const fields = { serverUrl: 'http://127.0.0.1:8080/VipaxWS/ws', appid: 'app', storeCode: 'S'.repeat(32), tillId: 'T'.repeat(12) };
    const parsed = connectionFieldsSchema.safeParse(fields);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['tillId']);
    expect(parsed.error?.issues[0]?.message).toBe('The store code and the till id together must not exceed 43 characters');
  });
});
