import { createConsoleBackend, setLogBackend } from '../../main/logging/logger';

// The till logs warnings about every refused connection and rejected call, which the tests cause
// on purpose by the hundred. Tests run quiet unless VIPAX_TEST_LOGS names a level to print
// (error, warn, info or debug). Tests that assert on log lines install their own memory backend.
const requestedLevel = process.env.VIPAX_TEST_LOGS;
if (requestedLevel === 'error' || requestedLevel === 'warn' || requestedLevel === 'info' || requestedLevel === 'debug') {
  setLogBackend(createConsoleBackend({ minLevel: requestedLevel }));
} else {
  setLogBackend({ write: () => undefined });
}
