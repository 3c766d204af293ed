// Electron hardening: the renderer's Content-Security-Policy, the window guards and the IPC
// sender check.
export * from './csp';
export * from './trusted-pages';
export * from './trusted-sender';
export * from './window-guards';
