import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  developmentContentSecurityPolicy,
  parseCsp,
} from '../../../main/security/csp';

// The built page is produced by `npm run build` (electron-vite), which `npm test` runs first.
const BUILT_PAGE = new URL('../../../out/renderer/index.html', import.meta.url);
const SOURCE_PAGE = new URL('../../../renderer/index.html', import.meta.url);

function metaPolicy(html: string): string {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  if (match === null) throw new Error('the page has no Content-Security-Policy meta tag');
  return match[1] ?? '';
}

function readBuiltPage(): string {
  if (!existsSync(BUILT_PAGE)) throw new Error(`${BUILT_PAGE.pathname} is missing: run \`npm run build\` first`);
  return readFileSync(BUILT_PAGE, 'utf8');
}

describe('Content-Security-Policy of the built page', () => {
  it('matches the exported policy', () => {
    expect(parseCsp(metaPolicy(readBuiltPage()))).toEqual(parseCsp(CONTENT_SECURITY_POLICY));
  });

  it('has no inline script or style', () => {
    const html = readBuiltPage();

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\.\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle="/i);
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it('loads nothing from another origin', () => {
    const html = readBuiltPage();
    const references = [...html.matchAll(/\s(?:src|href)="([^"]+)"/gi)].map((match) => match[1] ?? '');

    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference).toMatch(/^\.\//);
  });
});

describe('Content-Security-Policy of the source page', () => {
  it('matches the exported policy', () => {
    expect(parseCsp(metaPolicy(readFileSync(SOURCE_PAGE, 'utf8')))).toEqual(parseCsp(CONTENT_SECURITY_POLICY));
  });
});

describe('Content-Security-Policy header', () => {
  it('extends the page policy with header-only directives', () => {
    const header = parseCsp(CONTENT_SECURITY_POLICY_HEADER);

    for (const [name, sources] of parseCsp(CONTENT_SECURITY_POLICY)) expect(header.get(name)).toEqual(sources);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('form-action')).toEqual(["'none'"]);
  });

  it('allows the dev server only its own host', () => {
    const policy = parseCsp(developmentContentSecurityPolicy('http://localhost:5173'));

    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });
});
