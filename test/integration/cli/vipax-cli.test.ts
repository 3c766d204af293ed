// The `vipax` command line end to end: a real child process against a training server that this
// test starts, checking stdout JSON, the one-line stderr in both languages and every exit status.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { createVipaxClient } from '../../../main/vipax/client';
import { findClosedPort } from '../../unit/vipax/local-server';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const { gold, diamond, frozen } = seedFixtures.members;

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let server: TrainingServer;

/** Environment without the caller's locale and VIPax variables, so each test sets its own. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'VIPAX_URL', 'VIPAX_APPID', 'VIPAX_SECRET', 'VIPAX_STORE_CODE', 'VIPAX_BRAND_ID']) {
    delete env[name];
  }
  return env;
}

function connectionEnv(): NodeJS.ProcessEnv {
  return { VIPAX_URL: server.url, VIPAX_APPID: server.appid, VIPAX_SECRET: server.secret, VIPAX_STORE_CODE: server.storeCode };
}

async function runVipax(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string): Promise<RunResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/vipax.ts', ...args], {
    cwd: projectRoot,
    env: { ...baseEnv(), LANG: 'en_US.UTF-8', ...connectionEnv(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(stdin ?? '');
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

beforeAll(async () => {
  server = await startTrainingServer();
});

afterEach(async () => {
  await server.setFault(null);
});

afterAll(async () => {
  await server.close();
});

describe('help', () => {
  it('prints English usage', async () => {
    const result = await runVipax(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run --silent vipax -- <command> \[options\]/);
    expect(result.stdout).toContain('refund --card X --amount YUAN --order-no N --original-order-no M');
    expect(result.stderr).toBe('');
  });

  it('prints Chinese usage for zh locales', async () => {
    const result = await runVipax(['--help'], { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^用法：npm run --silent vipax -- <命令> \[选项\]/);
  });
});

describe('exit 0: success with JSON on stdout', () => {
  it('ping', async () => {
    const result = await runVipax(['ping']);
    const output = JSON.parse(result.stdout) as { latencyMs: number; clockOffsetMs: number };

    expect(result.code).toBe(0);
    expect(output.latencyMs).toBeGreaterThan(0);
    expect(Math.abs(output.clockOffsetMs)).toBeLessThanOrEqual(1500);
    expect(result.stderr).toBe('');
  });

  it('member by card', async () => {
    const result = await runVipax(['member', '--card', gold.cardNo]);
    const members = JSON.parse(result.stdout) as Array<Record<string, unknown>>;

    expect(result.code).toBe(0);
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ customerId: gold.customerId, cardNo: gold.cardNo, balanceFen: gold.balanceFen, discountRatePercent: 88, state: 'active' });
  });

  it('member by shared phone', async () => {
    const result = await runVipax(['member', '--phone', seedFixtures.sharedPhone]);
    const members = JSON.parse(result.stdout) as Array<{ cardNo: string }>;

    expect(members.map((member) => member.cardNo)).toEqual([seedFixtures.members.sharedPhoneFirst.cardNo, seedFixtures.members.sharedPhoneSecond.cardNo]);
  });

  it('pay then refund by physical card', async () => {
    const paid = await runVipax(['pay', '--card', gold.offlineCardNo!, '--amount', '10.01', '--order-no', 'CLI-PAY-1']);

    expect(paid.code).toBe(0);
    expect(JSON.parse(paid.stdout)).toEqual({
      orderNo: 'CLI-PAY-1',
      customerId: gold.customerId,
      cardNo: gold.cardNo,
      priceFen: 1001,
      discountRatePercent: 88,
      discountFen: 120,
      actualPaymentFen: 881,
    });
    expect(server.countApplied('CLI-PAY-1')).toBe(1);

    const refund = await runVipax(['refund', '--card', gold.cardNo, '--amount', '10.01', '--order-no', 'CLI-REFUND-1', '--original-order-no', 'CLI-PAY-1']);

    expect(refund.code).toBe(0);
    expect(JSON.parse(refund.stdout)).toMatchObject({ orderNo: 'CLI-REFUND-1', priceFen: -1001, actualPaymentFen: -881 });
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(gold.balanceFen);
  });

  it('log page of a member', async () => {
    const result = await runVipax(['log', '--other-id', gold.otherId!, '--from', '2025-11-20', '--to', '2025-11-28', '--page-size', '1']);
    const page = JSON.parse(result.stdout) as { totalCount: number; pageSize: number; entries: Array<{ businessNo: string }> };

    expect(result.code).toBe(0);
    expect(page.totalCount).toBe(2);
    expect(page.pageSize).toBe(1);
    expect(page.entries.map((entry) => entry.businessNo)).toEqual([seedFixtures.earlierPayment.orderNo]);
  });

  it('stock of one goods code', async () => {
    const result = await runVipax(['stock', '--goods', seedFixtures.goods.fractional.goodsCode]);
    const page = JSON.parse(result.stdout) as { items: Array<{ stock: number }> };

    expect(result.code).toBe(0);
    expect(page.items.map((item) => item.stock)).toEqual([-5.346]);
  });

  it('order and return from the example files', async () => {
    const order = await runVipax(['order', '--file', 'main/cli/examples/order.json']);
    const uploaded = JSON.parse(order.stdout) as { platformOrderNo: string; orderPoints: number; memberPoints: number };

    expect(order.code).toBe(0);
    expect(uploaded.orderPoints).toBe(230);
    expect(uploaded.memberPoints).toBe(diamond.points + 230);
    expect(server.countApplied('S001-T01-20261204153012-0101')).toBe(1);

    const returned = await runVipax(['return', '--file', 'main/cli/examples/return.json']);

    expect(returned.code).toBe(0);
    // Half of the order's total comes back, so half of its 230 points are taken back.
    expect(JSON.parse(returned.stdout)).toMatchObject({ returnedPoints: 115, memberPoints: diamond.points + 115 });
  });

  it('secret from standard input', async () => {
    const result = await runVipax(['member', '--card', gold.cardNo, '--secret-stdin'], { VIPAX_SECRET: '' }, `${server.secret}\n`);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it('flags override the environment', async () => {
    const result = await runVipax(['ping', '--url', server.url, '--store-code', server.storeCode], { VIPAX_URL: 'http://127.0.0.1:1/VipaxWS/ws', VIPAX_STORE_CODE: 'S999' });

    expect(result.code).toBe(0);
  });
});

describe('exit 1: rejected', () => {
  it('repeated order number in English', async () => {
    await runVipax(['pay', '--card', diamond.cardNo, '--amount', '1', '--order-no', 'CLI-DUP-1']);
    const result = await runVipax(['pay', '--card', diamond.cardNo, '--amount', '1', '--order-no', 'CLI-DUP-1']);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('rejected: The server rejected the request: 订单号重复\n');
    expect(server.countApplied('CLI-DUP-1')).toBe(1);
  });

  it('frozen card in Chinese', async () => {
    const result = await runVipax(['pay', '--card', frozen.cardNo, '--amount', '1', '--order-no', 'CLI-FROZEN-1'], { LANG: 'zh_CN.UTF-8' });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('rejected: 服务器拒绝了请求：会员卡已冻结\n');
  });

  it('wrong secret', async () => {
    const result = await runVipax(['ping'], { VIPAX_SECRET: 'wrong-secret' });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('rejected: The server rejected the request: 签名错误\n');
    expect(result.stderr).not.toContain('wrong-secret');
  });
});

describe('exit 2: invalid input or usage', () => {
  it('amount with three decimals, both languages', async () => {
    const english = await runVipax(['pay', '--card', gold.cardNo, '--amount', '12.345', '--order-no', 'CLI-BAD-1']);
    const chinese = await runVipax(['pay', '--card', gold.cardNo, '--amount', '12.345', '--order-no', 'CLI-BAD-1'], { LANG: 'zh_CN.UTF-8' });

    expect(english.code).toBe(2);
    expect(english.stderr).toBe('invalid-input: --amount takes at most two decimals, got "12.345".\n');
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toBe('invalid-input: --amount 最多两位小数，收到 "12.345"。\n');
    expect(server.countApplied('CLI-BAD-1')).toBe(0);
  });

  it('impossible date, both languages', async () => {
    const english = await runVipax(['log', '--phone', gold.phone, '--from', '2026-02-30']);
    const chinese = await runVipax(['log', '--phone', gold.phone, '--from', '2026-02-30'], { LC_MESSAGES: 'zh_CN.UTF-8' });

    expect(english.code).toBe(2);
    expect(english.stderr).toBe('invalid-input: --from must be a real date written yyyy-MM-dd.\n');
    expect(chinese.stderr).toBe('invalid-input: --from 必须是有效日期，格式 yyyy-MM-dd。\n');
  });

  it('invalid phone', async () => {
    const result = await runVipax(['member', '--phone', '1390000'], { LANG: 'zh_CN.UTF-8' });

    expect(result.code).toBe(2);
    expect(result.stderr).toBe('invalid-input: --phone 必须是以 1 开头的 11 位手机号码。\n');
  });

  it('unknown command', async () => {
    const result = await runVipax(['transfer']);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe('usage: Unknown command "transfer". Run vipax --help for the list of commands.\n');
  });

  it('option of another command', async () => {
    const result = await runVipax(['ping', '--card', gold.cardNo], { LANG: 'zh_CN.UTF-8' });

    expect(result.code).toBe(2);
    expect(result.stderr).toBe('usage: 命令 ping 不接受选项 --card。\n');
  });

  it('amount starting with a dash', async () => {
    const english = await runVipax(['pay', '--card', gold.cardNo, '--amount', '-1', '--order-no', 'CLI-DASH-1']);
    const chinese = await runVipax(['pay', '--card', gold.cardNo, '--amount', '-1', '--order-no', 'CLI-DASH-1'], { LANG: 'zh_CN.UTF-8' });
    const withEquals = await runVipax(['pay', '--card', gold.cardNo, '--amount=-1', '--order-no', 'CLI-DASH-1']);

    expect(english.code).toBe(2);
    expect(english.stderr).toBe('usage: The value of option --amount starts with "-": write it as --amount=VALUE, such as --amount=-1.\n');
    expect(chinese.stderr).toBe('usage: 选项 --amount 的值以 "-" 开头，请写成 --amount=值，例如 --amount=-1。\n');
    expect(withEquals.code).toBe(2);
    expect(withEquals.stderr).toBe('invalid-input: --amount must be an amount in yuan such as 12.34, got "-1".\n');
    expect(server.countApplied('CLI-DASH-1')).toBe(0);
  });

  it('unknown option and missing value', async () => {
    const unknown = await runVipax(['ping', '--colour']);
    const noValue = await runVipax(['pay', '--card', gold.cardNo, '--order-no', 'CLI-NOVALUE-1', '--amount']);

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('usage: Unknown option --colour. Run vipax --help for usage.\n');
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toBe('usage: Option --amount needs a value.\n');
  });

  it('empty amount and empty card', async () => {
    const amount = await runVipax(['pay', '--card', gold.cardNo, '--amount', '', '--order-no', 'CLI-EMPTY-1']);
    const card = await runVipax(['pay', '--card', ' ', '--amount', '1', '--order-no', 'CLI-EMPTY-1'], { LANG: 'zh_CN.UTF-8' });

    expect(amount.code).toBe(2);
    expect(amount.stderr).toBe('invalid-input: --amount is empty.\n');
    expect(card.code).toBe(2);
    expect(card.stderr).toBe('invalid-input: 选项 --card 的值为空。\n');
    expect(server.countApplied('CLI-EMPTY-1')).toBe(0);
  });

  it('invalid url from environment or flag', async () => {
    const fromEnv = await runVipax(['ping'], { VIPAX_URL: 'ftp://till.example/VipaxWS/ws' });
    const fromFlag = await runVipax(['ping', '--url', 'ftp://till.example/VipaxWS/ws'], { LANG: 'zh_CN.UTF-8' });

    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toBe(
      'invalid-input: VIPAX_URL is invalid (Client setting url must use http or https (got ftp:)): give an http:// or https:// address such as http://host:port/VipaxWS/ws.\n',
    );
    expect(fromFlag.code).toBe(2);
    expect(fromFlag.stderr).toBe('invalid-input: --url 无效，必须是以 http:// 或 https:// 开头的地址，例如 http://host:port/VipaxWS/ws。\n');
  });

  it('two member keys', async () => {
    const result = await runVipax(['member', '--card', gold.cardNo, '--phone', gold.phone]);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe('usage: Give exactly one of --card, --phone, --openid, --user-id, --other-id.\n');
  });

  it('missing connection settings', async () => {
    const noUrl = await runVipax(['ping'], { VIPAX_URL: '' });
    const noSecret = await runVipax(['ping'], { VIPAX_SECRET: '' }, '');

    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toBe('usage: Missing connection setting: set VIPAX_URL or pass --url.\n');
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toBe('usage: Missing secret: set VIPAX_SECRET or pass --secret-stdin and write it to standard input.\n');
  });

  it('upload file time without a zone', async () => {
    const result = await runVipax(['return', '--file', 'test/integration/cli/return-without-zone.json']);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe('invalid-input: createTime must be an ISO 8601 time with a zone offset, such as 2026-12-04T15:30:12+08:00.\n');
  });
});

describe('exit 3: network', () => {
  it('refused connection in both languages', async () => {
    const port = await findClosedPort();
    const url = `http://127.0.0.1:${port}/VipaxWS/ws`;
    const english = await runVipax(['pay', '--card', gold.cardNo, '--amount', '1', '--order-no', 'CLI-NET-1'], { VIPAX_URL: url });
    const chinese = await runVipax(['pay', '--card', gold.cardNo, '--amount', '1', '--order-no', 'CLI-NET-1'], { VIPAX_URL: url, LANG: 'zh_CN.UTF-8' });

    expect(english.code).toBe(3);
    expect(english.stderr).toBe(`network: Network failure, the request did not reach the server and can be sent again later: Cannot connect to ${url} (ECONNREFUSED)\n`);
    expect(chinese.code).toBe(3);
    expect(chinese.stderr).toBe(`network: 网络故障，请求未送达服务器，可以稍后重试：Cannot connect to ${url} (ECONNREFUSED)\n`);
  });
});

describe('exit 4: unknown outcome', () => {
  it('dropped payment response in both languages', async () => {
    await server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'] });
    const english = await runVipax(['pay', '--card', diamond.cardNo, '--amount', '2', '--order-no', 'CLI-DROP-1']);
    const chinese = await runVipax(['pay', '--card', diamond.cardNo, '--amount', '2', '--order-no', 'CLI-DROP-2'], { LANG: 'zh_CN.UTF-8' });

    expect(english.code).toBe(4);
    expect(english.stderr).toMatch(/^unknown-outcome: Outcome unknown, the server may have applied the request\. Before sending it again, look the order number up with the log command: .+\n$/);
    expect(chinese.code).toBe(4);
    expect(chinese.stderr).toMatch(/^unknown-outcome: 结果未知，服务器可能已经处理了该请求。重试之前，请先用 log 命令按订单号核对交易流水：.+\n$/);
    expect(server.countApplied('CLI-DROP-1')).toBe(1);
    expect(server.countApplied('CLI-DROP-2')).toBe(1);
  });

  it('502 page on a read', async () => {
    await server.setFault({ kind: 'bad-gateway' });
    const result = await runVipax(['stock']);

    expect(result.code).toBe(4);
    expect(result.stderr).toBe('unknown-outcome: The server sent an unusable response: goods.stockRealtime: the server failed with HTTP 502\n');
  });
});

interface ServerProcess {
  connection: { url: string; appid: string; secret: string; storeCode: string };
  /** Sends SIGTERM and returns the exit status and everything written to stderr. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

async function startServerProcess(args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/vipax.ts', 'training-server', ...args], {
    cwd: projectRoot,
    env: baseEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout });
  const [firstLine] = (await once(lines, 'line')) as [string];

  return {
    connection: JSON.parse(firstLine) as ServerProcess['connection'],
    async stop() {
      child.kill('SIGTERM');
      const [code] = (await once(child, 'close')) as [number | null];
      return { code, stderr };
    },
  };
}

describe('training-server', () => {
  it('keeps its data in --data between runs', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'vipax-cli-')), 'training.json');
    const port = await findClosedPort();

    const first = await startServerProcess(['--port', String(port), '--data', dataFile]);
    expect(first.connection.url).toBe(`http://127.0.0.1:${port}/VipaxWS/ws`);
    const client = createVipaxClient(first.connection);
    await client.paidConsumeByPro({ memberNo: gold.customerId, orderNo: 'CLI-DATA-1', priceFen: 1000 });
    client.close();
    expect((await first.stop()).code).toBe(0);

    const second = await startServerProcess(['--data', dataFile]);
    const again = createVipaxClient(second.connection);
    const [member] = await again.getMembers({ cardNo: gold.cardNo });
    again.close();
    await second.stop();

    // 10.00 yuan at rate 88 took 8.80 yuan, and the second run still has that balance.
    expect(member?.balanceFen).toBe(gold.balanceFen - 880);
  });

  it('rejects a port in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const english = await runVipax(['training-server', '--port', String(port)]);
      const chinese = await runVipax(['training-server', '--port', String(port)], { LANG: 'zh_CN.UTF-8' });

      expect(english.code).toBe(2);
      expect(english.stderr).toContain(`invalid-input: Port ${port} on 127.0.0.1 is in use or not permitted: choose another with --port, or --port 0 for any free port.\n`);
      expect(chinese.code).toBe(2);
      expect(chinese.stderr).toContain(`invalid-input: 127.0.0.1 的端口 ${port} 已被占用或不允许使用，请用 --port 换一个端口，或用 --port 0 自动选择。\n`);
    } finally {
      blocker.close();
    }
  });

  it('rejects a data file in a missing folder', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'vipax-cli-')), 'missing-folder', 'training.json');
    const result = await runVipax(['training-server', '--data', dataFile]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`invalid-input: Cannot use the data file ${dataFile} (ENOENT): check that its folder exists and is writable.\n`);
  });

  it('rejects an invalid port', async () => {
    const result = await runVipax(['training-server', '--port', '70000'], { LANG: 'zh_CN.UTF-8' });

    expect(result.code).toBe(2);
    expect(result.stderr).toBe('invalid-input: --port 必须是 0 到 65535 之间的整数，收到 "70000"。\n');
  });

  it('prints its connection and stops on SIGTERM', async () => {
    const serverProcess = await startServerProcess(['--port', '0']);
    const { connection } = serverProcess;

    expect(connection.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/VipaxWS\/ws$/);
    expect(connection.appid).toBe(seedFixtures.appid);
    expect(connection.secret).toBe(seedFixtures.secret);
    expect(connection.storeCode).toBe(seedFixtures.storeCode);

    const client = createVipaxClient(connection);
    const members = await client.getMembers({ cardNo: gold.cardNo });
    client.close();
    expect(members[0]?.balanceFen).toBe(gold.balanceFen);

    const { code, stderr } = await serverProcess.stop();

    expect(code).toBe(0);
    expect(stderr).toContain(`training server: stopped ${connection.url}`);
  });
});
