import { redactText, redactValue } from './redact';

// The till's logging interface. Modules take a scoped logger with `createLogger('payments')` at
// import time. The process chooses where lines go with `setLogBackend`: the rotating file in the
// app, memory in tests. Every message and field is redacted before it reaches any backend, and
// nothing here imports Electron.

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Extra values of one log line, e.g. `{ orderNo, actualPaymentFen }`. */
export type LogFields = Record<string, unknown>;

/** One redacted log line. */
export interface LogRecord {
  time: Date;
  level: LogLevel;
  scope: string;
  message: string;
  fields: LogFields;
}

/** Destination of log records. `write` must not throw. */
export interface LogBackend {
  write(record: LogRecord): void;
  close?(): void;
}

export interface Logger {
  readonly scope: string;
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
}

let activeBackend: LogBackend = createConsoleBackend();

/**
 * Sends every logger's lines to `backend` from now on, including loggers created earlier.
 * Returns a function that restores the previous backend.
 */
export function setLogBackend(backend: LogBackend): () => void {
  const previous = activeBackend;
  activeBackend = backend;
  return () => {
    if (activeBackend === backend) activeBackend = previous;
  };
}

export function getLogBackend(): LogBackend {
  return activeBackend;
}

/** Creates a logger whose lines carry `scope`, e.g. "payments" or "settings". */
export function createLogger(scope: string): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    const record: LogRecord = {
      time: new Date(),
      level,
      scope,
      message: redactText(message),
      fields: fields === undefined ? {} : (redactValue(fields) as LogFields),
    };
    try {
      activeBackend.write(record);
    } catch {
      // A log line that cannot be written must not break the payment that tried to log it.
    }
  };

  return {
    scope,
    error: (message, fields) => write('error', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    info: (message, fields) => write('info', message, fields),
    debug: (message, fields) => write('debug', message, fields),
  };
}

/** Formats a record's text without time and level: `(scope) message key=value …`. */
export function formatRecordText(record: LogRecord): string {
  const parts = [`(${record.scope})`, record.message];
  for (const [key, value] of Object.entries(record.fields)) {
    parts.push(`${key}=${formatFieldValue(value)}`);
  }
  return parts.join(' ');
}

/** Formats a whole record as one line: `2026-12-04T07:30:12.345Z [info] (scope) message …`. */
export function formatRecordLine(record: LogRecord): string {
  return `${record.time.toISOString()} [${record.level}] ${formatRecordText(record)}`;
}

function formatFieldValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

function isAtLeast(level: LogLevel, minimum: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(minimum);
}

/** Writes to stderr; the default before the app installs its file backend. */
export function createConsoleBackend(options: { minLevel?: LogLevel } = {}): LogBackend {
  const minLevel = options.minLevel ?? 'warn';
  return {
    write(record) {
      if (!isAtLeast(record.level, minLevel)) return;
      process.stderr.write(`${formatRecordLine(record)}\n`);
    },
  };
}

export interface MemoryLogBackend extends LogBackend {
  readonly records: LogRecord[];
  /** Every record formatted as the file backend formats it. */
  lines(): string[];
}

/** Keeps records in memory, for tests. */
export function createMemoryLogBackend(): MemoryLogBackend {
  const records: LogRecord[] = [];
  return {
    records,
    write(record) {
      records.push(record);
    },
    lines() {
      return records.map(formatRecordLine);
    },
  };
}
