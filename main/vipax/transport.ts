// HTTP for the VIPax client, on node:http and node:https directly, because the client must know
// exactly whether the request could have reached the server when something fails:
// - `network`: the connection never completed (refused, unreachable, DNS, connect timeout), so no
//   byte of the request reached the server and sending it again is safe.
// - `unknown-outcome`: the connection completed, so the server may have read and applied the
//   request before the failure (timeout while waiting, reset, hang-up, 5xx, a body that is not
//   the API's JSON).
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { VipaxError } from './errors';

/** Large enough for a 199-entry log page many times over; anything bigger is not an API response. */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface PostOptions {
  /** Time allowed from the start of the request until the connection is established. */
  connectTimeoutMs: number;
  /** Time allowed for the whole exchange, connecting included. */
  timeoutMs: number;
  /**
   * The agent to send through. `false` opens a connection for this request alone, so a reset
   * cannot come from an idle pooled connection that the server had already closed.
   */
  agent: http.Agent | false;
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Returns the URL without credentials, query or fragment, for messages and logs. */
export function describeEndpoint(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * Sends `body` as an application/x-www-form-urlencoded POST and returns the raw reply of any
 * HTTP status. Fails with VipaxError `network` or `unknown-outcome` as described above.
 */
export function postForm(url: URL, body: string, options: PostOptions): Promise<HttpReply> {
  const endpoint = describeEndpoint(url);
  const isHttps = url.protocol === 'https:';
  const payload = Buffer.from(body, 'utf8');

  return new Promise<HttpReply>((resolve, reject) => {
    let connected = false;
    let settled = false;

    const request = (isHttps ? https : http).request(url, {
      method: 'POST',
      agent: options.agent,
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
        'content-length': payload.length,
        accept: 'application/json',
      },
    });

    const finish = (outcome: { reply: HttpReply } | { error: VipaxError }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      if ('error' in outcome) {
        request.destroy();
        reject(outcome.error);
      } else {
        resolve(outcome.reply);
      }
    };

    const connectTimer = setTimeout(() => {
      if (connected) return;
      finish({ error: new VipaxError('network', `Connecting to ${endpoint} timed out after ${options.connectTimeoutMs} ms`) });
    }, options.connectTimeoutMs);

    const totalTimer = setTimeout(() => {
      const error = connected
        ? new VipaxError('unknown-outcome', `No complete response from ${endpoint} within ${options.timeoutMs} ms`, { timeoutMs: options.timeoutMs })
        : new VipaxError('network', `Connecting to ${endpoint} timed out after ${options.timeoutMs} ms`, { timeoutMs: options.timeoutMs });
      finish({ error });
    }, options.timeoutMs);

    request.on('socket', (socket) => {
      // A pooled keep-alive socket is connected already. A new one counts as connected once TCP
      // (and for https the TLS handshake) completes, because only then can request bytes leave.
      if (request.reusedSocket) {
        connected = true;
        return;
      }
      if (isHttps) {
        (socket as TLSSocket).once('secureConnect', () => {
          connected = true;
        });
      } else {
        socket.once('connect', () => {
          connected = true;
        });
      }
    });

    request.on('error', (cause: NodeJS.ErrnoException) => {
      const reason = cause.code ?? cause.message;
      const error = connected
        ? new VipaxError('unknown-outcome', `Connection to ${endpoint} failed after sending (${reason})`, { cause })
        : new VipaxError('network', `Cannot connect to ${endpoint} (${reason})`, { cause });
      finish({ error });
    });

    request.on('response', (response) => {
      connected = true;
      const chunks: Buffer[] = [];
      let size = 0;

      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          const message = `Response from ${endpoint} exceeds ${MAX_RESPONSE_BYTES} bytes`;
          finish({ error: new VipaxError('unknown-outcome', message, { httpStatus: response.statusCode }) });
          return;
        }
        chunks.push(chunk);
      });

      response.on('end', () => {
        const reply: HttpReply = {
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: decodeBody(Buffer.concat(chunks), response.headers['content-type']),
        };
        finish({ reply });
      });

      response.on('error', (cause) => {
        const message = `Reading the response from ${endpoint} failed (${cause.message})`;
        finish({ error: new VipaxError('unknown-outcome', message, { httpStatus: response.statusCode, cause }) });
      });

      response.on('close', () => {
        if (response.complete) return;
        const message = `Connection to ${endpoint} closed before the response was complete`;
        finish({ error: new VipaxError('unknown-outcome', message, { httpStatus: response.statusCode }) });
      });
    });

    request.end(payload);
  });
}

/** Decodes with the charset the server declares (Chinese servers may send GBK), else UTF-8. */
function decodeBody(bytes: Buffer, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown label falls through to UTF-8.
    }
  }
  return bytes.toString('utf8');
}
