import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsSaveRequestSchema, type SettingsView } from '../../../common/contract';
import { DEFAULT_FORM, fieldsFromForm, formFromView, secondsToMs } from '../../../renderer/screens/settings/store';

// The settings screen's pure parts: converting between the form and the request, and the locale
// keys the screen builds from states and codes.

const locales = {
  'zh-CN': JSON.parse(readFileSync(new URL('../../../renderer/locales/zh-CN.json', import.meta.url), 'utf8')) as unknown,
  en: JSON.parse(readFileSync(new URL('../../../renderer/locales/en.json', import.meta.url), 'utf8')) as unknown,
};

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

const VIEW: SettingsView = {
  mode: 'training',
  fields: {
    serverUrl: 'http://vipax.example.cn:8080/VipaxWS/ws',
    appid: 'A1',
    storeCode: 'S001',
    brandId: null,
    tillId: 'T01',
    timeZone: 'Asia/Shanghai',
    connectTimeoutMs: 2_500,
    totalTimeoutMs: 15_000,
  },
  secretState: 'set',
  secretSet: true,
  secretUnreadableReason: null,
  secretProtection: 'os-encryption',
  plainTextSecretAcceptedAt: null,
  encryption: { available: true, backend: 'gnome_libsecret', strong: true },
  configured: true,
  damagedFile: null,
};

describe('settings form conversion', () => {
  it('fills the form from saved settings with an empty secret', () => {
    expect(formFromView(VIEW)).toEqual({
      serverUrl: 'http://vipax.example.cn:8080/VipaxWS/ws',
      appid: 'A1',
      secret: '',
      storeCode: 'S001',
      brandId: '',
      tillId: 'T01',
      timeZone: 'Asia/Shanghai',
      connectTimeoutSeconds: '2.5',
      totalTimeoutSeconds: '15',
    });
  });

  it('starts from defaults before the first save', () => {
    expect(formFromView({ ...VIEW, fields: null })).toEqual(DEFAULT_FORM);
  });

  it('converts seconds to milliseconds', () => {
    expect(secondsToMs('5')).toBe(5_000);
    expect(secondsToMs(' 2.5 ')).toBe(2_500);
    expect(secondsToMs('0.0015')).toBe(2);
  });

  it('turns text that is not seconds into NaN', () => {
    for (const text of ['', 'five', '-1', '1e3', '1,5']) expect(secondsToMs(text), text).toBeNaN();
  });

  it('builds fields main accepts from a round trip', () => {
    const request = { fields: fieldsFromForm(formFromView(VIEW)) };
    const parsed = settingsSaveRequestSchema.safeParse(request);

    expect(parsed.success).toBe(true);
    expect(parsed.data?.fields).toEqual(VIEW.fields);
  });

  it('sends bad seconds so main names the field', () => {
    const parsed = settingsSaveRequestSchema.safeParse({ fields: fieldsFromForm({ ...formFromView(VIEW), totalTimeoutSeconds: 'soon' }) });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['fields', 'totalTimeoutMs']);
  });
});

describe('settings locale keys', () => {
  const keys = [
    'nav.settings',
    ...['training', 'live'].flatMap((mode) => [
      `settings.mode.current.${mode}`,
      `settings.mode.explain.${mode}`,
      `settings.mode.switchTo.${mode}`,
      `settings.mode.dialog.title.${mode}`,
      `settings.mode.dialog.explain.${mode}`,
      `settings.mode.dialog.confirm.${mode}`,
    ]),
    ...['os-encryption', 'basic-text', 'none'].map((protection) => `settings.secret.set.${protection}`),
    ...['backend-changed', 'encryption-unavailable', 'decryption-failed'].map((reason) => `settings.secret.unreadable.${reason}`),
    ...['ok', 'okWithoutLatency', 'unreachable', 'no-valid-answer'].map((result) => `settings.test.reachability.${result}`),
    ...['accepted', 'rejected', 'not-checked'].map((result) => `settings.test.signature.${result}`),
    ...['ok', 'off.behind', 'off.ahead', 'okWithoutOffset', 'offWithoutOffset', 'not-checked'].map((result) => `settings.test.clock.${result}`),
    ...Object.keys(DEFAULT_FORM).flatMap((field) => [`settings.field.${field}`, `settings.help.${field}`, `settings.invalid.${field}`]),
  ];

  it.each(Object.keys(locales))('%s has every key the screen builds', (language) => {
    const tree = locales[language as keyof typeof locales];
    const missing = keys.filter((key) => typeof lookup(tree, key) !== 'string' || lookup(tree, key) === '');
    expect(missing).toEqual([]);
  });
});
