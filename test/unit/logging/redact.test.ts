import { afterEach, describe, expect, it } from 'vitest';
import {
  clearRegisteredSecrets,
  isCredentialKey,
  REDACTED,
  redactText,
  redactValue,
  registerSecret,
} from '../../../main/logging/redact';

afterEach(() => clearRegisteredSecrets());

describe('redactText', () => {
  it('removes a registered secret wherever it appears', () => {
    registerSecret('s3cr3t-Value');
    expect(redactText('connect with s3cr3t-Value now')).toBe(`connect with ${REDACTED} now`);
    expect(redactText('xs3cr3t-Values3cr3t-Value')).toBe(`x${REDACTED}${REDACTED}`);
  });

  it('removes the URL-encoded and JSON-escaped forms of a secret', () => {
    registerSecret('a&b "c"/d');
    expect(redactText(`body=${encodeURIComponent('a&b "c"/d')}`)).toBe(`body=${REDACTED}`);
    expect(redactText(JSON.stringify({ value: 'a&b "c"/d' }))).toBe(`{"value":"${REDACTED}"}`);
  });

  it('removes the longer of two overlapping secrets whole', () => {
    registerSecret('abc');
    registerSecret('abcdef');
    expect(redactText('key abcdef')).toBe(`key ${REDACTED}`);
  });

  it('blanks sign and secret form fields', () => {
    const line = 'appid=A1&ts=20261204153012&v=2.0&sign=0123456789abcdef0123456789abcdef&secret=zzz';
    expect(redactText(line)).toBe(`appid=A1&ts=20261204153012&v=2.0&sign=${REDACTED}&secret=${REDACTED}`);
  });

  it('blanks secret and sign fields in JSON text', () => {
    expect(redactText('{"appid":"A1","secret":"top \\"secret\\"","sign":"ff"}')).toBe(
      `{"appid":"A1","secret":"${REDACTED}","sign":"${REDACTED}"}`,
    );
  });

  it('masks mobile numbers as 139****8173', () => {
    expect(redactText('member 13912348173 found')).toBe('member 139****8173 found');
    expect(redactText('phones 13912348173,18600001111')).toBe('phones 139****8173,186****1111');
  });

  it('leaves order, card and member numbers readable', () => {
    const text = 'order S001-T01-20261204153012-0007 card CARD201609016048 member MEMB20160901006045';
    expect(redactText(text)).toBe(text);
    expect(redactText('12345678901')).toBe('12345678901');
  });
});

describe('redactValue', () => {
  it('replaces credential fields whatever their value', () => {
    const value = redactValue({ appid: 'A1', secret: 'x', appSecret: 'y', sign: 'z', nested: { password: 1 } });
    expect(value).toEqual({ appid: 'A1', secret: REDACTED, appSecret: REDACTED, sign: REDACTED, nested: { password: REDACTED } });
  });

  it('redacts strings inside arrays and nested objects', () => {
    registerSecret('hunter22');
    const value = redactValue({ list: ['hunter22', { phone: '13912348173' }] });
    expect(value).toEqual({ list: [REDACTED, { phone: '139****8173' }] });
  });

  it('reduces errors to redacted name, message and fields', () => {
    registerSecret('hunter22');
    const error = Object.assign(new Error('bad key hunter22'), { kind: 'rejected', secret: 'hunter22' });
    const value = redactValue({ error }) as { error: Record<string, unknown> };
    expect(value.error.name).toBe('Error');
    expect(value.error.message).toBe(`bad key ${REDACTED}`);
    expect(value.error.kind).toBe('rejected');
    expect(value.error.secret).toBe(REDACTED);
    expect(String(value.error.stack)).not.toContain('hunter22');
  });

  it('survives cycles and deep nesting', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(redactValue(cyclic)).toEqual({ name: 'a', self: '[circular]' });

    const deep = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } };
    expect(JSON.stringify(redactValue(deep))).toContain('[nested]');
  });
});

describe('isCredentialKey', () => {
  it('matches credential names in any case and separator style', () => {
    for (const key of ['secret', 'SECRET', 'app_secret', 'vipaxSecret', 'Sign', 'access-token', 'Authorization']) {
      expect(isCredentialKey(key), key).toBe(true);
    }
  });

  it('does not match ordinary field names', () => {
    for (const key of ['secretSet', 'appid', 'orderNo', 'signatureAccepted', 'phone']) {
      expect(isCredentialKey(key), key).toBe(false);
    }
  });
});
