import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFixtures, startTrainingServer, type TrainingLogger } from '../../../main/training';
import { callRaw } from './wire-client';

const gold = seedFixtures.members.gold;

describe('training server data file', () => {
  let folder: string;
  let dataFile: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'vipax-training-'));
    dataFile = join(folder, 'training.json');
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  function recordingLogger(): TrainingLogger & { lines: string[] } {
    const lines: string[] = [];
    return {
      lines,
      info: (message) => lines.push(`info ${message}`),
      warn: (message) => lines.push(`warn ${message}`),
      error: (message) => lines.push(`error ${message}`),
    };
  }

  it('writes the seed when the file is missing', async () => {
    const server = await startTrainingServer({ dataFile });
    await server.close();
    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { version: number; members: { cardNo: string; balanceFen: number }[] };
    expect(saved.version).toBe(1);
    expect(saved.members.find((member) => member.cardNo === gold.cardNo)?.balanceFen).toBe(123_456);
  });

  it('keeps payments between runs', async () => {
    const first = await startTrainingServer({ dataFile });
    const paid = await callRaw(first, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'D-1', price: 10 });
    expect(paid.json.code).toBe('1');
    await first.close();

    const second = await startTrainingServer({ dataFile });
    try {
      expect(second.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);
      expect(second.countApplied('D-1')).toBe(1);
      const repeat = await callRaw(second, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'D-1', price: 10 });
      expect(repeat.json.message).toBe('订单号重复');
      const order = await callRaw(second, 'order', 'offlineUpload', {
        member_phone: gold.phone,
        create_time: '2026-12-04 10:00:00',
        total_fee: 100,
        paid_fee: 100,
        store_code: 'S001',
        order_no: 'D-O1',
        pay_type: 3,
        pay_time: '2026-12-04 10:00:00',
        goods: [{ goods_code: 'G0001', sku_code: 'G0001-1', price: 100, dismount_price: 100, count: 1 }],
      });
      // The platform's order numbers go on from the saved sequence.
      expect((order.json.result as { orderNo: string }).orderNo).toBe('VPO00000002');
    } finally {
      await second.close();
    }
  });

  it('saves before afterApply runs', async () => {
    const server = await startTrainingServer({ dataFile });
    let savedBalance: number | undefined;
    server.hooks.afterApply = () => {
      const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { members: { cardNo: string; balanceFen: number }[] };
      savedBalance = saved.members.find((member) => member.cardNo === gold.cardNo)?.balanceFen;
    };
    await callRaw(server, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'D-2', price: 10 });
    await server.close();
    expect(savedBalance).toBe(123_456 - 880);
  });

  it('leaves no temporary file behind', async () => {
    const server = await startTrainingServer({ dataFile });
    await callRaw(server, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'D-3', price: 10 });
    await server.close();
    expect(readdirSync(folder)).toEqual(['training.json']);
  });

  it.each([
    ['truncated JSON', '{"version":1,"members":['],
    ['another shape', JSON.stringify({ version: 1, members: 'none' })],
    ['an empty file', ''],
  ])('moves aside a file with %s and starts from the seed', async (_case, content) => {
    writeFileSync(dataFile, content);
    const logger = recordingLogger();
    const server = await startTrainingServer({ dataFile, logger, now: () => new Date('2026-12-04T07:30:12.000Z') });
    try {
      expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456);
      const damaged = 'training.json.damaged-2026-12-04T07-30-12-000Z';
      expect(readdirSync(folder).sort()).toEqual(['training.json', damaged]);
      expect(readFileSync(join(folder, damaged), 'utf8')).toBe(content);
      expect(logger.lines.filter((line) => line.startsWith('warn'))).toHaveLength(1);
      expect(logger.lines[0]).toContain(`moved to ${join(folder, damaged)}`);
    } finally {
      await server.close();
    }
  });

  it('logs nothing to stdout without a logger', async () => {
    const written: string[] = [];
    const originalWrite = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      writeFileSync(dataFile, 'garbage');
      const server = await startTrainingServer({ dataFile });
      await callRaw(server, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'D-4', price: 10 });
      await server.close();
    } finally {
      process.stdout.write = originalWrite;
    }
    expect(written).toEqual([]);
  });

  it('logs calls but never the secret', async () => {
    const logger = recordingLogger();
    const server = await startTrainingServer({ dataFile, logger, secret: 'top-secret-value' });
    await callRaw(server, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'D-5', price: 10 });
    await callRaw(server, 'customer', 'paidConsumeByPro', { storeCode: 'S001', wxConsumeNo: gold.customerId, orderNo: 'D-5', price: 10 });
    await callRaw(server, 'customer', 'get', { store_code: 'S001', vip_no: gold.cardNo }, { envelope: { sign: 'wrong' } });
    await server.setFault({ kind: 'bad-gateway' }, { count: 1 });
    await server.close();
    expect(logger.lines).toContain('info training server: applied customer.paidConsumeByPro orderNo=D-5');
    expect(logger.lines).toContain('info training server: rejected customer.paidConsumeByPro orderNo=D-5: 订单号重复');
    expect(logger.lines).toContain('info training server: rejected customer.get: 签名错误');
    expect(logger.lines.join('\n')).not.toContain('top-secret-value');
  });
});
