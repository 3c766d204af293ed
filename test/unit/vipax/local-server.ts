// A tiny HTTP server on 127.0.0.1 for the client's unit tests. It records every request it reads
// and responds through a handler the test sets.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  form: URLSearchParams;
  /** The parsed `msg` field. */
  msg: Record<string, unknown>;
}

export type Handler = (request: RecordedRequest, response: http.ServerResponse) => void;

export interface LocalServer {
  url: string;
  requests: RecordedRequest[];
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

/** Sends `body` as JSON with the given status, 200 by default. */
export function replyJson(response: http.ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

export async function startLocalServer(handler: Handler = (_, response) => replyJson(response, { code: '1', result: null })): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  let current = handler;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const form = new URLSearchParams(body);
      let msg: Record<string, unknown> = {};
      try {
        msg = JSON.parse(form.get('msg') ?? '{}') as Record<string, unknown>;
      } catch {
        // Left empty: the test asserts on the raw body instead.
      }
      const recorded = { method: request.method ?? '', headers: request.headers, body, form, msg };
      requests.push(recorded);
      current(recorded, response);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/VipaxWS/ws`,
    requests,
    setHandler(next) {
      current = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Returns a loopback port on which nothing listens, so a connection to it is refused. */
export async function findClosedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
