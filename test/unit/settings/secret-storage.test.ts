import { resetElectronMock, safeStorage } from '../../mocks/electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeEncryption, openSecret, sealSecret, WeakEncryptionError } from '../../../main/settings/secret-storage';

const NOW = new Date('2026-12-04T07:30:12.000Z');
const SECRET = 'store-secret-0f9e8d7c';

beforeEach(() => resetElectronMock());

describe('describeEncryption', () => {
  it('reports a Linux key store as strong', () => {
    expect(describeEncryption(safeStorage, 'linux')).toEqual({ available: true, backend: 'gnome_libsecret', strong: true });
  });

  it('reports basic_text as weak', () => {
    safeStorage.backend = 'basic_text';
    expect(describeEncryption(safeStorage, 'linux')).toEqual({ available: true, backend: 'basic_text', strong: false });
  });

  it('reports the backend before app ready as weak', () => {
    safeStorage.backend = 'unknown';
    expect(describeEncryption(safeStorage, 'linux').strong).toBe(false);
  });

  it('reports unavailable encryption as weak', () => {
    safeStorage.available = false;
    expect(describeEncryption(safeStorage, 'linux')).toEqual({ available: false, backend: 'gnome_libsecret', strong: false });
  });

  it('names DPAPI on Windows without asking for a Linux backend', () => {
    expect(describeEncryption(safeStorage, 'win32')).toEqual({ available: true, backend: 'dpapi', strong: true });
  });
});

describe('sealSecret', () => {
  it('encrypts with the OS key store', () => {
    const sealed = sealSecret(SECRET, safeStorage, { acceptPlainText: false, now: NOW, platform: 'linux' });

    expect(sealed.protection).toBe('os-encryption');
    expect(sealed.backend).toBe('gnome_libsecret');
    expect(sealed.savedAt).toBe('2026-12-04T07:30:12.000Z');
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    expect(bytes.toString('utf8')).not.toContain(SECRET);
    expect(safeStorage.decryptString(bytes)).toBe(SECRET);
  });

  it('rejects basic_text unless plain storage is accepted', () => {
    safeStorage.backend = 'basic_text';
    expect(() => sealSecret(SECRET, safeStorage, { acceptPlainText: false, now: NOW, platform: 'linux' })).toThrow(WeakEncryptionError);
  });

  it('rejects missing encryption unless plain storage is accepted', () => {
    safeStorage.available = false;
    expect(() => sealSecret(SECRET, safeStorage, { acceptPlainText: false, now: NOW, platform: 'linux' })).toThrow(
      /encryption is unavailable/,
    );
  });

  it('uses basic_text when the manager accepts it', () => {
    safeStorage.backend = 'basic_text';
    const sealed = sealSecret(SECRET, safeStorage, { acceptPlainText: true, now: NOW, platform: 'linux' });

    expect(sealed.protection).toBe('basic-text');
    expect(sealed.backend).toBe('basic_text');
    expect(safeStorage.decryptString(Buffer.from(sealed.ciphertext, 'base64'))).toBe(SECRET);
  });

  it('stores plain text when accepted and nothing encrypts', () => {
    safeStorage.available = false;
    const sealed = sealSecret(SECRET, safeStorage, { acceptPlainText: true, now: NOW, platform: 'linux' });

    expect(sealed.protection).toBe('none');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('utf8')).toBe(SECRET);
  });
});

describe('openSecret', () => {
  it('decrypts with the same backend', () => {
    const sealed = sealSecret(SECRET, safeStorage, { acceptPlainText: false, now: NOW, platform: 'linux' });
    expect(openSecret(sealed, safeStorage, 'linux')).toEqual({ state: 'set', secret: SECRET });
  });

  it('reports a changed backend as unreadable', () => {
    const sealed = sealSecret(SECRET, safeStorage, { acceptPlainText: false, now: NOW, platform: 'linux' });
    safeStorage.backend = 'kwallet5';
    expect(openSecret(sealed, safeStorage, 'linux')).toEqual({ state: 'unreadable', reason: 'backend-changed' });
  });

  it('reports lost encryption as unreadable', () => {
    const sealed = sealSecret(SECRET, safeStorage, { acceptPlainText: false, now: NOW, platform: 'linux' });
    safeStorage.available = false;
    expect(openSecret(sealed, safeStorage, 'linux')).toEqual({ state: 'unreadable', reason: 'encryption-unavailable' });
  });

  it('reports damaged ciphertext as unreadable', () => {
    const sealed = sealSecret(SECRET, safeStorage, { acceptPlainText: false, now: NOW, platform: 'linux' });
    const damaged = { ...sealed, ciphertext: Buffer.from('not what safeStorage wrote').toString('base64') };
    expect(openSecret(damaged, safeStorage, 'linux')).toEqual({ state: 'unreadable', reason: 'decryption-failed' });
  });

  it('reads a plain-text secret even without encryption', () => {
    safeStorage.available = false;
    const sealed = sealSecret(SECRET, safeStorage, { acceptPlainText: true, now: NOW, platform: 'linux' });
    expect(openSecret(sealed, safeStorage, 'linux')).toEqual({ state: 'set', secret: SECRET });
  });
});
