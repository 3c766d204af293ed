// Redaction applied to every log line before it is written. It removes:
// - every registered secret value (the VIPax secret), in its raw, URL-encoded and JSON-escaped forms;
// - the value of any `sign=`, `secret=`, `password=` or `token=` form field and of JSON fields with
//   those names;
// - the value of object fields whose key names a credential (secret, sign, password, token, …).
// It also masks mobile phone numbers the way Chinese receipts do: 13912348173 → 139****8173.

export const REDACTED = '[redacted]';

const knownSecrets = new Set<string>();

/**
 * Adds a value that must never appear in a log line. The settings service registers the VIPax
 * secret when it loads or saves one.
 */
export function registerSecret(value: string): void {
  if (value.length > 0) knownSecrets.add(value);
}

export function unregisterSecret(value: string): void {
  knownSecrets.delete(value);
}

/** Forgets every registered secret; for tests. */
export function clearRegisteredSecrets(): void {
  knownSecrets.clear();
}

// Key names compared after lowercasing and removing `_` and `-`.
const CREDENTIAL_KEYS = new Set([
  'secret',
  'appsecret',
  'clientsecret',
  'secretciphertext',
  'sign',
  'signature',
  'password',
  'passwd',
  'token',
  'accesstoken',
  'authorization',
  'cookie',
]);

/** Returns whether an object field of this name contains a credential, whatever its value. */
export function isCredentialKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[_-]/g, '');
  return CREDENTIAL_KEYS.has(normalized) || normalized.endsWith('secret');
}

const FORM_FIELD = /\b(sign|secret|app_?secret|password|token)=[^&\s"',;]*/gi;
const JSON_FIELD = /("(?:sign|secret|app_?secret|password|token)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
// A mainland mobile number: 11 digits starting 13–19, not part of a longer run of digits, so
// order numbers such as S001-T01-20261204153012-0007 and card numbers stay readable.
const MOBILE_NUMBER = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** Returns `text` with secrets removed and mobile numbers masked. */
export function redactText(text: string): string {
  let result = text;

  // Longest first, so a secret that contains another registered one is removed whole.
  const secrets = [...knownSecrets].sort((a, b) => b.length - a.length);
  for (const secret of secrets) {
    for (const form of secretForms(secret)) {
      result = result.split(form).join(REDACTED);
    }
  }

  result = result.replace(FORM_FIELD, (_match, name: string) => `${name}=${REDACTED}`);
  result = result.replace(JSON_FIELD, (_match, prefix: string) => `${prefix}"${REDACTED}"`);
  result = result.replace(MOBILE_NUMBER, '$1****$2');
  return result;
}

function secretForms(secret: string): Set<string> {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  forms.delete('');
  return forms;
}

const MAX_DEPTH = 6;

/**
 * Returns a copy of `value` that is safe to log: strings redacted as in `redactText`, credential
 * fields replaced, errors reduced to their name, message, stack and own fields. Cycles become
 * "[circular]" and nesting deeper than six levels becomes "[nested]".
 */
export function redactValue(value: unknown): unknown {
  return redactNode(value, 0, new WeakSet());
}

function redactNode(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') return '[function]';
    if (typeof value === 'symbol' || typeof value === 'bigint') return redactText(String(value));
    return value;
  }
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested]';
  seen.add(value);

  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (value instanceof Error) return redactError(value, depth, seen);
  if (Array.isArray(value)) return value.map((item) => redactNode(item, depth + 1, seen));
  if (value instanceof Map) return redactNode(Object.fromEntries(value), depth, seen);
  if (value instanceof Set) return redactNode([...value], depth, seen);

  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = isCredentialKey(key) ? REDACTED : redactNode(field, depth + 1, seen);
  }
  return copy;
}

function redactError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const copy: Record<string, unknown> = {
    name: error.name,
    message: redactText(error.message),
  };
  for (const [key, field] of Object.entries(error)) {
    if (key === 'name' || key === 'message' || key === 'stack') continue;
    copy[key] = isCredentialKey(key) ? REDACTED : redactNode(field, depth + 1, seen);
  }
  if (error.cause !== undefined) copy.cause = redactNode(error.cause, depth + 1, seen);
  if (error.stack) copy.stack = redactText(error.stack);
  return copy;
}
