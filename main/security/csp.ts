// The renderer's Content-Security-Policy. The page needs only its own bundled scripts, styles,
// fonts and images, and never the network: every call leaves through `window.till` (IPC).
// The same policy is in renderer/index.html's meta tag, so it applies even to a response that no
// header handler touched. A unit test compares the built page's meta tag with this policy.

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/** The page's own policy, carried by the meta tag of renderer/index.html. */
export const CONTENT_SECURITY_POLICY_DIRECTIVES: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'none'"],
};

/**
 * Directives added in the header only. Browsers ignore `frame-ancestors` in a meta tag, and
 * `base-uri` and `form-action` do not fall back to `default-src`.
 */
export const HEADER_ONLY_DIRECTIVES: CspDirectives = {
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Formats directives as a policy string: `default-src 'none'; script-src 'self'; …`. */
export function formatCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The policy of the built page's meta tag. */
export const CONTENT_SECURITY_POLICY = formatCsp(CONTENT_SECURITY_POLICY_DIRECTIVES);

/** The policy sent as a response header for the packaged app's pages. */
export const CONTENT_SECURITY_POLICY_HEADER = formatCsp({ ...CONTENT_SECURITY_POLICY_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES });

/**
 * Returns the header policy while the renderer comes from electron-vite's dev server at
 * `devOrigin`: Vite injects an inline React Refresh script and inline styles, and reloads over a
 * WebSocket to the same host. Never used by a packaged app.
 */
export function developmentContentSecurityPolicy(devOrigin: string): string {
  const origin = new URL(devOrigin);
  const socket = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  return formatCsp({
    ...CONTENT_SECURITY_POLICY_DIRECTIVES,
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", socket],
  });
}

/** Parses a policy string into directive name → sorted sources, for comparisons. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name === undefined) continue;
    directives.set(name.toLowerCase(), sources.sort());
  }
  return directives;
}
