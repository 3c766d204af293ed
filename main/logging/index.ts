// The till's logging: `createLogger(scope)` for every module, redaction of secrets and phone
// numbers, and the rotating file backend the app installs at start.
export * from './logger';
export * from './redact';
export * from './file-backend';
