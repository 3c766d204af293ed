import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildRequestBody } from '../../../main/vipax/envelope';
import { API_VERSION, computeSignature } from '../../../main/vipax/sign';

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

describe('computeSignature', () => {
  it('hashes appid, secret, ts and v in that order', () => {
    const appid = 'bb2d5a14847d464a806a396ea1070620';
    const secret = 'training-secret-0001';
    const ts = '20170630000000';

    const signature = computeSignature(appid, secret, ts, '2.0');

    expect(signature).toBe(md5(`${appid}${secret}${ts}2.0`));
    expect(signature).toMatch(/^[0-9a-f]{32}$/);
  });

  it('uses UTF-8 bytes for non-ASCII secrets', () => {
    expect(computeSignature('app', '密钥', '20260101000000')).toBe(md5('app密钥202601010000002.0'));
  });

  it('declares API version 2.0 by default', () => {
    expect(API_VERSION).toBe('2.0');
    expect(computeSignature('a', 'b', 'c')).toBe(md5('abc2.0'));
  });

  it('changes when any input changes', () => {
    const base = computeSignature('app', 'secret', '20260101000000');
    expect(computeSignature('app', 'secret', '20260101000001')).not.toBe(base);
    expect(computeSignature('app', 'secreT', '20260101000000')).not.toBe(base);
  });
});

describe('buildRequestBody', () => {
  const instant = new Date('2026-12-04T07:30:12Z');
  const body = buildRequestBody({
    appid: 'app-1',
    secret: 'top-secret',
    model: 'customer',
    method: 'get',
    msg: { store_code: 'S001', vip_no: '卡 001&x=1' },
    instant,
    timeZone: 'Asia/Shanghai',
  });
  const form = new URLSearchParams(body);

  it('sends the documented fields in order', () => {
    expect([...form.keys()]).toEqual(['appid', 'ts', 'v', 'sign', 'model', 'method', 'msg']);
    expect(form.get('appid')).toBe('app-1');
    expect(form.get('ts')).toBe('20261204153012');
    expect(form.get('v')).toBe('2.0');
    expect(form.get('model')).toBe('customer');
    expect(form.get('method')).toBe('get');
  });

  it('signs with the secret without sending it', () => {
    expect(form.get('sign')).toBe(md5('app-1top-secret202612041530122.0'));
    expect(body).not.toContain('top-secret');
  });

  it('URL-encodes msg as UTF-8 JSON', () => {
    expect(JSON.parse(form.get('msg') ?? '')).toEqual({ store_code: 'S001', vip_no: '卡 001&x=1' });
    expect(body).toContain(encodeURIComponent('卡'));
    expect(body).not.toContain('&x=1');
  });
});
