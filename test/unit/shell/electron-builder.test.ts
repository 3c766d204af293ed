import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

// electron-builder.yml checked against electron-builder's own configuration schema, with the same
// ajv settings electron-builder uses, except that types are not coerced: a value that only passes
// after coercion is a mistake in the file.

const root = new URL('../../../', import.meta.url);
const require = createRequire(import.meta.url);
// js-yaml is electron-builder's own YAML reader; it ships no type declarations.
const { load } = require('js-yaml') as { load(text: string): unknown };
const config = load(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, any>;
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('matches the electron-builder schema', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

    const valid = validate(config);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects an unknown option', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

    expect(validate({ ...config, productname: 'typo' })).toBe(false);
  });

  it('names the product in Chinese and English', () => {
    expect(config.productName).toContain('收银台');
    expect(config.productName).toContain('VIPax Till');
    expect(config.executableName).toMatch(/^[a-z0-9-]+$/);
    expect(config.appId).toBe('cn.vipax.till');
  });

  it('builds a Windows x64 installer and a Linux AppImage', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target).toEqual([{ target: 'AppImage', arch: ['x64'] }]);
  });

  it('packages only the build output', () => {
    expect(config.files).toEqual(['out/**', 'package.json']);
  });

  it('pins the electron version of package.json', () => {
    expect(config.electronVersion).toBe(packageJson.devDependencies.electron);
    expect(packageJson.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is what npm run dist uses', () => {
    expect(packageJson.scripts.dist).toContain('electron-builder --config electron-builder.yml');
  });
});
