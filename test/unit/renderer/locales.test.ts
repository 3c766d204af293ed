import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionStateSchema, ipcErrorCodes, memberStateSchema } from '../../../common/contract';
import en from '../../../renderer/locales/en.json';
import zhCN from '../../../renderer/locales/zh-CN.json';

type Tree = { [key: string]: string | Tree };

/** Flattens nested locale objects to dotted keys: { a: { b: 'x' } } → { 'a.b': 'x' }. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [nestedKey, nestedValue] of flatten(value, path)) flat.set(nestedKey, nestedValue);
  }
  return flat;
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Keys whose languages pick different values from what the code passes: 8折 versus 20% off. */
const languageSpecificPlaceholders: Record<string, string[]> = {
  'discount.rate': ['zhe', 'percentOff'],
};

const chinese = flatten(zhCN as Tree);
const english = flatten(en as Tree);
const rendererFolder = new URL('../../../renderer', import.meta.url).pathname;

describe('locale files', () => {
  it('have the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...chinese.keys()].sort());
  });

  it('have no empty values', () => {
    for (const [locale, texts] of [['zh-CN', chinese], ['en', english]] as const) {
      const empty = [...texts].filter(([, text]) => text.trim() === '').map(([key]) => `${locale}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same placeholders per key', () => {
    for (const [key, text] of chinese) {
      if (key in languageSpecificPlaceholders) continue;
      expect(placeholdersOf(english.get(key) ?? ''), key).toEqual(placeholdersOf(text));
    }
  });

  it('use only offered placeholders where languages differ', () => {
    for (const [key, offered] of Object.entries(languageSpecificPlaceholders)) {
      for (const texts of [chinese, english]) {
        const used = placeholdersOf(texts.get(key) ?? '');
        expect(used.length, key).toBeGreaterThan(0);
        expect(used.filter((name) => !offered.includes(name)), key).toEqual([]);
      }
    }
  });

  it('cover every IPC error code', () => {
    const missing = ipcErrorCodes.filter((code) => !chinese.has(`errors.${code}`) || !english.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  it('cover every amount input error', () => {
    for (const error of ['empty', 'not-a-number', 'too-many-decimals', 'not-positive', 'too-large']) {
      expect(chinese.has(`payment.amountError.${error}`), error).toBe(true);
    }
  });

  it('cover every connection and member state', () => {
    for (const state of connectionStateSchema.options) expect(chinese.has(`header.connection.${state}`), state).toBe(true);
    for (const state of memberStateSchema.options) expect(chinese.has(`member.state.${state}`), state).toBe(true);
  });

  it('write Chinese in the Chinese file', () => {
    expect(chinese.get('header.trainingBanner')).toMatch(/^培训模式/);
    expect(chinese.get('payment.unknown.charged')).toBe('已扣款');
    expect(chinese.get('payment.unknown.notCharged')).toBe('未扣款');
    expect(chinese.get('discount.none')).toBe('无折扣');
  });
});

describe('renderer source', () => {
  it('uses only keys the locale files define', () => {
    const usedKeys = new Set<string>();
    for (const file of sourceFiles(rendererFolder)) {
      const source = readFileSync(file, 'utf8');
      // Static keys only: t('a.b') and titleKey: 'a.b'. Keys built from a value are checked above.
      for (const match of source.matchAll(/\bt\(\s*'([\w.-]+)'|titleKey:\s*'([\w.-]+)'/g)) {
        usedKeys.add(match[1] ?? match[2] ?? '');
      }
    }

    expect(usedKeys.size).toBeGreaterThan(50);
    const missing = [...usedKeys].filter((key) => !chinese.has(key));
    expect(missing).toEqual([]);
  });
});
