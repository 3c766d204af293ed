// The till's settings: validation, the write-only secret under safeStorage, the training/live
// switch and the connection test. Only electron-settings.ts and electron-store-file.ts import
// Electron, so they are not exported here.
export * from './connection-test';
export * from './damaged-file';
export * from './json-file-store';
export * from './secret-storage';
export * from './settings-service';
export * from './stored-settings';
