import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The Electron fuses electron-builder flips when it packages the app, read from electron-builder.yml
// and turned into @electron/fuses options by electron-builder's own code.

const require = createRequire(import.meta.url);
// js-yaml is electron-builder's own YAML reader; it ships no type declarations.
const { load } = require('js-yaml') as { load(text: string): unknown };
const config = load(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as {
  electronFuses?: Record<string, boolean>;
};

const { FuseV1Options, FuseVersion } = require('@electron/fuses') as {
  FuseV1Options: Record<string, number>;
  FuseVersion: { V1: string };
};
const { PlatformPackager } = require('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
};

describe('Electron fuses', () => {
  it('are configured in electron-builder.yml', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('become the right @electron/fuses options', async () => {
    const fuses = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);

    expect(fuses.version).toBe(FuseVersion.V1);
    expect(fuses[String(FuseV1Options.RunAsNode)]).toBe(false);
    expect(fuses[String(FuseV1Options.EnableNodeOptionsEnvironmentVariable)]).toBe(false);
    expect(fuses[String(FuseV1Options.EnableNodeCliInspectArguments)]).toBe(false);
    expect(fuses[String(FuseV1Options.OnlyLoadAppFromAsar)]).toBe(true);
    expect(fuses[String(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)]).toBe(true);
    expect(fuses[String(FuseV1Options.EnableCookieEncryption)]).toBe(true);
  });

  it('leave file:// privileges at their default', async () => {
    const fuses = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    expect(String(FuseV1Options.GrantFileProtocolExtraPrivileges) in fuses).toBe(false);
  });
});
