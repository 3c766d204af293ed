import type { ConnectionTester } from '../../settings/connection-test';
import type { SettingsService } from '../../settings/settings-service';
import type { HandlerModule } from '../router';

// The settings screen's channels. The service throws SettingsError, whose code the router sends
// as the reply's error code. No reply carries the secret: the view has only `secretState`.

export function createSettingsHandlers(services: { settings: SettingsService; testConnection: ConnectionTester }): HandlerModule {
  const { settings, testConnection } = services;
  return {
    'settings:get': () => settings.getView(),
    'settings:save': (request) => settings.save(request),
    'settings:set-mode': (request) => settings.setMode(request),
    'settings:test-connection': (request) => testConnection(settings.resolveTestTarget(request)),
  };
}
