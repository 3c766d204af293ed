import { createHash } from 'node:crypto';

/** The API version every request declares in `v`. */
export const API_VERSION = '2.0';

/**
 * Computes the request signature: the lowercase hex MD5 of appid + secret + ts + v, each as UTF-8.
 * The server recomputes it from its copy of the secret, so the secret itself is never sent.
 */
export function computeSignature(appid: string, secret: string, ts: string, version: string = API_VERSION): string {
  return createHash('md5').update(appid + secret + ts + version, 'utf8').digest('hex');
}
