import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogBackend } from '../../../main/logging/file-backend';
import { createLogger, createMemoryLogBackend, setLogBackend } from '../../../main/logging/logger';
import { clearRegisteredSecrets, REDACTED, registerSecret } from '../../../main/logging/redact';

let restoreBackend: (() => void) | null = null;

afterEach(() => {
  restoreBackend?.();
  restoreBackend = null;
  clearRegisteredSecrets();
});

describe('createLogger', () => {
  it('writes scope, message and fields to the active backend', () => {
    const memory = createMemoryLogBackend();
    restoreBackend = setLogBackend(memory);

    createLogger('payments').info('payment applied', { orderNo: 'S001-T01-20261204153012-0007', actualPaymentFen: 800 });

    expect(memory.records).toHaveLength(1);
    expect(memory.records[0]?.level).toBe('info');
    expect(memory.lines()[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[info\] \(payments\) payment applied orderNo=S001-T01-20261204153012-0007 actualPaymentFen=800$/,
    );
  });

  it('reaches a backend installed after the logger was created', () => {
    const logger = createLogger('early');
    const memory = createMemoryLogBackend();
    restoreBackend = setLogBackend(memory);

    logger.warn('late backend');

    expect(memory.records.map((record) => record.message)).toEqual(['late backend']);
  });

  it('redacts secrets and phones in messages and fields', () => {
    const memory = createMemoryLogBackend();
    restoreBackend = setLogBackend(memory);
    registerSecret('Secret-Of-Store-42');

    createLogger('settings').error('login failed for Secret-Of-Store-42', {
      secret: 'anything',
      phone: '13912348173',
      error: new Error('sign mismatch for Secret-Of-Store-42'),
    });

    const line = memory.lines()[0] ?? '';
    expect(line).not.toContain('Secret-Of-Store-42');
    expect(line).not.toContain('anything');
    expect(line).not.toContain('13912348173');
    expect(line).toContain('139****8173');
    expect(line).toContain(`login failed for ${REDACTED}`);
  });

  it('keeps working when the backend throws', () => {
    restoreBackend = setLogBackend({
      write() {
        throw new Error('disk full');
      },
    });
    expect(() => createLogger('x').error('still fine')).not.toThrow();
  });
});

describe('createFileLogBackend', () => {
  it('writes redacted lines to the file with owner-only permissions', () => {
    const directory = mkdtempSync(join(tmpdir(), 'till-log-'));
    const file = createFileLogBackend({ directory });
    restoreBackend = setLogBackend(file);
    registerSecret('file-secret-value');

    createLogger('app').info('started', { secret: 'file-secret-value', note: 'file-secret-value' });

    const text = readFileSync(file.filePath, 'utf8');
    expect(text).toMatch(/\[info\] \(app\) started secret=\[redacted\] note=\[redacted\]\n$/);
    expect(text).not.toContain('file-secret-value');
    expect(statSync(file.filePath).mode & 0o777).toBe(0o600);
  });

  it('rotates at the size cap and keeps only the configured number of files', () => {
    const directory = mkdtempSync(join(tmpdir(), 'till-log-'));
    const file = createFileLogBackend({ directory, maxBytes: 2_000, keepFiles: 3 });
    restoreBackend = setLogBackend(file);
    const logger = createLogger('bulk');

    for (let line = 0; line < 400; line += 1) {
      logger.info(`line ${String(line).padStart(4, '0')} ${'x'.repeat(60)}`);
    }

    const files = file.listFiles();
    expect(files.map((path) => path.slice(directory.length + 1))).toEqual(['till.log', 'till.1.log', 'till.2.log', 'till.3.log']);
    for (const path of files) expect(statSync(path).size).toBeLessThanOrEqual(2_000 + 200);

    // The newest line is in the current file and the oldest lines have been dropped.
    expect(readFileSync(join(directory, 'till.log'), 'utf8')).toContain('line 0399');
    const kept = files.map((path) => readFileSync(path, 'utf8')).join('');
    expect(kept).not.toContain('line 0000');
  });

  it('drops lines below the minimum level', () => {
    const directory = mkdtempSync(join(tmpdir(), 'till-log-'));
    const file = createFileLogBackend({ directory, minLevel: 'warn' });
    restoreBackend = setLogBackend(file);

    createLogger('levels').info('quiet');
    createLogger('levels').warn('loud');

    const text = readFileSync(file.filePath, 'utf8');
    expect(text).not.toContain('quiet');
    expect(text).toContain('[warn] (levels) loud');
  });
});
