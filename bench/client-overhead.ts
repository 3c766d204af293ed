// Measures what the VIPax client adds to a member lookup. The same customer.get request goes once
// through the client (validation, signing, form encoding, response parsing) and once as a raw
// HTTP POST of the same bytes. Both go to a training server in this process on 127.0.0.1.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { seedFixtures, startTrainingServer } from '../main/training';
import { createVipaxClient } from '../main/vipax/client';
import { buildRequestBody } from '../main/vipax/envelope';
import { median, round, type BenchFigure, type BenchModule } from './figures';

const WARM_UP_CALLS = 50;
const MEASURED_CALLS = 300;

/** Posts `body` and reads the whole response, without parsing it. */
function rawPost(url: URL, body: Buffer, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
        'content-length': body.length,
        accept: 'application/json',
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      response.on('data', () => undefined);
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
      response.on('error', reject);
    });
    request.end(body);
  });
}

async function timeCall(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

export const clientOverhead: BenchModule = {
  id: 'client-overhead',
  title: `VIPax client vs raw HTTP POST: customer.get against a local training server, median of ${MEASURED_CALLS} calls each`,

  async run(): Promise<BenchFigure[]> {
    const server = await startTrainingServer();
    const client = createVipaxClient({ url: server.url, appid: server.appid, secret: server.secret, storeCode: server.storeCode });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const cardNo = seedFixtures.members.gold.cardNo;

    // The bytes the client sends for this lookup; the timestamp stays within the server's window.
    const body = Buffer.from(
      buildRequestBody({
        appid: server.appid,
        secret: server.secret,
        model: 'customer',
        method: 'get',
        msg: { store_code: server.storeCode, vip_no: cardNo },
        instant: new Date(),
        timeZone: 'Asia/Shanghai',
      }),
      'utf8',
    );
    const url = new URL(server.url);
    const viaClient = () => client.getMembers({ cardNo });
    const viaRaw = () => rawPost(url, body, agent);

    try {
      for (let index = 0; index < WARM_UP_CALLS; index++) {
        await viaClient();
        await viaRaw();
      }

      // Alternating the two keeps a slow phase of the machine from landing on one side only.
      const clientSamples: number[] = [];
      const rawSamples: number[] = [];
      for (let index = 0; index < MEASURED_CALLS; index++) {
        rawSamples.push(await timeCall(viaRaw));
        clientSamples.push(await timeCall(viaClient));
      }

      const clientMedianMs = median(clientSamples);
      const rawMedianMs = median(rawSamples);
      return [
        { name: 'clientLookupMedianMs', value: round(clientMedianMs), unit: 'ms', label: 'member lookup through the client, median' },
        { name: 'rawLookupMedianMs', value: round(rawMedianMs), unit: 'ms', label: 'raw HTTP POST of the same bytes, median' },
        { name: 'clientOverheadRatio', value: round(clientMedianMs / rawMedianMs), unit: 'ratio', label: 'client median / raw median', target: '< 1.10' },
      ];
    } finally {
      client.close();
      agent.destroy();
      await server.close();
    }
  },
};
