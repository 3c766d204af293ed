import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback HTTP proxy in front of a training server that counts the requests passing through,
// so a test can prove that nothing reached the server.

export interface CountingProxy {
  /** The proxy's URL for the target's path, e.g. http://127.0.0.1:41235/VipaxWS/ws. */
  readonly url: string;
  /** Requests forwarded since start or the last reset. */
  count(): number;
  /** `model.method` of each forwarded request, in order. */
  methods(): string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  let forwarded: string[] = [];

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(body.toString('utf8'));
      forwarded.push(`${form.get('model') ?? '?'}.${form.get('method') ?? '?'}`);

      const upstream = http.request(
        { host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers },
        (reply) => {
          response.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(response);
        },
      );
      upstream.on('error', () => response.destroy());
      upstream.end(body);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    count: () => forwarded.length,
    methods: () => [...forwarded],
    reset: () => {
      forwarded = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
