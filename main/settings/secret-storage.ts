import { z } from 'zod';
import {
  secretProtectionSchema,
  type EncryptionStatus,
  type SecretProtection,
  type SecretUnreadableReason,
} from '../../common/contract/settings';

// Sealing and opening the VIPax secret with Electron's safeStorage, without importing Electron:
// the caller passes `safeStorage` (or a stand-in with the same methods).
//
// On Linux, safeStorage's `basic_text` backend encrypts with a key that is built into Chromium,
// so it protects nothing. The backend `unknown` means the app is not ready yet. Both count as
// weak, like no encryption at all, and a secret is stored under them only when the manager
// accepts it.

/** The part of Electron's `safeStorage` this module uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Present on Linux only. */
  getSelectedStorageBackend?(): string;
}

const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/** Describes what safeStorage would do with a secret saved now. */
export function describeEncryption(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): EncryptionStatus {
  const available = safeStorage.isEncryptionAvailable();
  const backend = storageBackendName(safeStorage, platform);
  return { available, backend, strong: available && !WEAK_LINUX_BACKENDS.has(backend) };
}

function storageBackendName(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function') {
    return safeStorage.getSelectedStorageBackend();
  }
  if (platform === 'win32') return 'dpapi';
  if (platform === 'darwin') return 'keychain';
  return 'unknown';
}

/** The secret as the settings file stores it. */
export const storedSecretSchema = z.object({
  /** Base64 of safeStorage's ciphertext, or of the UTF-8 text when `protection` is `none`. */
  ciphertext: z.string().min(1).regex(/^[A-Za-z0-9+/]+=*$/),
  protection: secretProtectionSchema,
  /** The backend that encrypted it; a different backend cannot decrypt it. */
  backend: z.string(),
  /** ISO 8601 time it was saved. */
  savedAt: z.string(),
});
export type StoredSecret = z.infer<typeof storedSecretSchema>;

export class WeakEncryptionError extends Error {
  override readonly name = 'WeakEncryptionError';

  constructor(readonly encryption: EncryptionStatus) {
    super(
      encryption.available
        ? `The secret was not saved: the "${encryption.backend}" key store does not protect it. Accept plain-text storage to save it anyway.`
        : 'The secret was not saved: encryption is unavailable on this computer. Accept plain-text storage to save it anyway.',
    );
  }
}

/**
 * Encrypts `secret` for the settings file. Throws WeakEncryptionError when only weak protection
 * is available and `acceptPlainText` is false.
 */
export function sealSecret(
  secret: string,
  safeStorage: SafeStorageLike,
  options: { acceptPlainText: boolean; now: Date; platform?: NodeJS.Platform },
): StoredSecret {
  const encryption = describeEncryption(safeStorage, options.platform);
  if (!encryption.strong && !options.acceptPlainText) throw new WeakEncryptionError(encryption);

  const savedAt = options.now.toISOString();
  if (!encryption.available) {
    return { ciphertext: Buffer.from(secret, 'utf8').toString('base64'), protection: 'none', backend: encryption.backend, savedAt };
  }

  const protection: SecretProtection = encryption.strong ? 'os-encryption' : 'basic-text';
  const ciphertext = safeStorage.encryptString(secret).toString('base64');
  return { ciphertext, protection, backend: encryption.backend, savedAt };
}

export type OpenedSecret = { state: 'set'; secret: string } | { state: 'unreadable'; reason: SecretUnreadableReason };

/**
 * Decrypts a stored secret. A backend other than the one that encrypted it is reported as
 * `backend-changed` without trying to decrypt, because a wrong key may yield garbage instead of
 * an error.
 */
export function openSecret(stored: StoredSecret, safeStorage: SafeStorageLike, platform?: NodeJS.Platform): OpenedSecret {
  if (stored.protection === 'none') {
    return { state: 'set', secret: Buffer.from(stored.ciphertext, 'base64').toString('utf8') };
  }

  const encryption = describeEncryption(safeStorage, platform);
  if (!encryption.available) return { state: 'unreadable', reason: 'encryption-unavailable' };
  if (encryption.backend !== stored.backend) return { state: 'unreadable', reason: 'backend-changed' };

  let secret: string;
  try {
    secret = safeStorage.decryptString(Buffer.from(stored.ciphertext, 'base64'));
  } catch {
    return { state: 'unreadable', reason: 'decryption-failed' };
  }
  if (secret.length === 0) return { state: 'unreadable', reason: 'decryption-failed' };
  return { state: 'set', secret };
}

/**
 * safeStorage for the till outside Electron (plain Node, the end-to-end harness): no key store,
 * so a secret is saved only when the manager accepts plain-text storage.
 */
export const NO_OS_ENCRYPTION: SafeStorageLike = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('Encryption is not available outside Electron');
  },
  decryptString: () => {
    throw new Error('Decryption is not available outside Electron');
  },
};
