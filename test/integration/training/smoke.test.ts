import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { callRaw } from './wire-client';

describe('training server smoke', () => {
  let server: TrainingServer;
  beforeAll(async () => {
    server = await startTrainingServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds the gold member and takes a payment', async () => {
    const gold = seedFixtures.members.gold;
    const found = await callRaw(server, 'customer', 'get', { store_code: 'S001', vip_no: gold.cardNo });
    expect(found.text).toContain('"code":"1"');
    expect((found.json.result as Record<string, unknown>).point).toBe('1234.560000');

    const paid = await callRaw(server, 'customer', 'paidConsumeByPro', {
      storeCode: 'S001',
      wxConsumeNo: gold.customerId,
      orderNo: 'SMOKE-1',
      price: 10,
    });
    expect(paid.json).toEqual({
      code: '1',
      message: '操作成功!',
      result: { code: gold.customerId, cardNo: gold.cardNo, cashPayRate: 88, actualPayment: 8.8, payRateAmount: 1.2 },
    });
    expect(server.findMember(gold.cardNo)?.balanceFen).toBe(123_456 - 880);
  });
});
