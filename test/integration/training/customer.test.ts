import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { callRaw } from './wire-client';

const { gold, frozen, sharedPhoneFirst, sharedPhoneSecond, zeroBalance } = seedFixtures.members;

describe('customer.get', () => {
  let server: TrainingServer;
  beforeEach(async () => {
    server = await startTrainingServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const get = (msg: Record<string, unknown>) => callRaw(server, 'customer', 'get', { store_code: 'S001', ...msg });

  it('answers in the shape of the manual sample', async () => {
    const reply = await get({ vip_no: gold.cardNo });
    expect(reply.text).toContain('"code":"1"');
    const expected = {
      name: '王建国',
      state: '正常',
      level: 'V003--金卡会员',
      levelName: '金卡会员',
      username: '王建国',
      employeeId: null,
      createTime: '2016-09-01 14:08:51.137',
      phone: '13900000001',
      sex: '1',
      areaCode: '320200',
      updateTime: '2016-09-01 14:08:51.137',
      cardNo: 'CARD201609010101',
      vipCardNo: 'VC2016000101',
      point: '1234.560000',
      exp: '',
      customerId: 'MEMB20160901000101',
      nickName: '',
      birthDate: 'null',
      storeId: 'C625',
      openId: 'oTRAIN0000000000000000101',
      registerChannelValue: null,
      shoutaoStatus: 'false',
      thirdPartyCode: null,
      registerChannel: null,
      registerType: null,
      parentStoreId: '',
      accrualPoint: '3560',
      logo: '',
      remark: null,
      cashPayRate: '88',
    };
    expect(reply.json).toEqual({ code: '1', message: '操作成功!', result: expected, resultList: [expected] });
  });

  it.each([
    ['card number', { vip_no: gold.cardNo }],
    ['customerId as vip_no', { vip_no: gold.customerId }],
    ['physical card as vip_no', { vip_no: gold.offlineCardNo }],
    ['mobile', { mobile: gold.phone }],
    ['openid', { openid: gold.openId }],
    ['user_id', { user_id: gold.customerId }],
    ['other_id', { other_id: gold.otherId }],
  ])('finds the gold member by %s', async (_key, msg) => {
    const reply = await get(msg);
    expect(reply.json.code).toBe('1');
    expect((reply.json.result as { customerId: string }).customerId).toBe(gold.customerId);
  });

  it('lists both cards of a shared phone', async () => {
    const reply = await get({ mobile: seedFixtures.sharedPhone });
    const list = reply.json.resultList as { cardNo: string; point: string; cashPayRate: string }[];
    expect((reply.json.result as { cardNo: string }).cardNo).toBe(sharedPhoneFirst.cardNo);
    expect(list.map((member) => [member.cardNo, member.point, member.cashPayRate])).toEqual([
      [sharedPhoneFirst.cardNo, '200.000000', '95'],
      [sharedPhoneSecond.cardNo, '50.000000', '88'],
    ]);
  });

  it('shows a frozen card as 冻结', async () => {
    const reply = await get({ vip_no: frozen.cardNo });
    expect((reply.json.result as { state: string }).state).toBe('冻结');
  });

  it('shows a zero balance with six decimals', async () => {
    const reply = await get({ vip_no: zeroBalance.cardNo });
    expect((reply.json.result as { point: string }).point).toBe('0.000000');
  });

  it('rejects an unknown card', async () => {
    const reply = await get({ vip_no: seedFixtures.unknownCardNo });
    expect(reply.json).toEqual({ code: '0', message: '会员不存在', result: null });
  });

  it('rejects an unknown phone', async () => {
    expect((await get({ mobile: seedFixtures.unknownPhone })).json.message).toBe('会员不存在');
  });

  it('rejects a call without a key', async () => {
    expect((await get({})).json.message).toBe('vip_no、mobile、openid、user_id、other_id 不能同时为空');
  });

  it('rejects a call without store_code', async () => {
    const reply = await callRaw(server, 'customer', 'get', { vip_no: gold.cardNo });
    expect(reply.json.message).toBe('缺少参数：store_code');
  });

  it('rejects another store', async () => {
    expect((await get({ vip_no: gold.cardNo, store_code: 'S999' })).json.message).toBe('门店不存在：S999');
  });
});

describe('customer.update', () => {
  let server: TrainingServer;
  beforeEach(async () => {
    server = await startTrainingServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const update = (msg: Record<string, unknown>) => callRaw(server, 'customer', 'update', msg);

  it('changes name, level and rate by user_id', async () => {
    const reply = await update({ user_id: gold.customerId, vip_name: '王建军', nick_name: '老王', level_name: '钻石会员', vip_sex: '1' });
    expect(reply.json).toEqual({ code: '1', message: '操作成功!', result: null });

    const member = server.findMember(gold.cardNo);
    expect(member?.name).toBe('王建军');
    expect(member?.nickName).toBe('老王');
    expect(member?.levelName).toBe('钻石会员');
    expect(member?.discountRatePercent).toBe(80);

    const found = await callRaw(server, 'customer', 'get', { store_code: 'S001', vip_no: gold.cardNo });
    expect(found.json.result).toMatchObject({ name: '王建军', level: 'V004--钻石会员', cashPayRate: '80' });
  });

  it('finds the member by other_id and sets its mobile', async () => {
    const reply = await update({ other_id: gold.otherId, mobile: '13900000099', birthday: '1980-02-29' });
    expect(reply.json.code).toBe('1');
    expect(server.findMember(gold.customerId)?.phone).toBe('13900000099');
    expect(server.findMember(gold.customerId)?.birthday).toBe('1980-02-29');
  });

  it('lets user_id win over other_id', async () => {
    const reply = await update({ user_id: gold.customerId, other_id: 'ERP-NEW', city_code: '110000' });
    expect(reply.json.code).toBe('1');
    expect(server.findMember(gold.customerId)?.otherId).toBe('ERP-NEW');
    expect(server.findMember(gold.customerId)?.cityCode).toBe('110000');
  });

  it('rejects a mobile with two cards as key', async () => {
    const reply = await update({ mobile: seedFixtures.sharedPhone, nick_name: 'x' });
    expect(reply.json.message).toBe('该手机号绑定多张会员卡，请使用会员号');
  });

  it('rejects an unknown level and changes nothing', async () => {
    const reply = await update({ user_id: gold.customerId, vip_name: '改名', level_name: '黑卡会员' });
    expect(reply.json).toEqual({ code: '0', message: '会员等级不存在：黑卡会员', result: null });
    expect(server.findMember(gold.customerId)?.name).toBe('王建国');
  });

  it.each([
    [{ user_id: 'MEMB20990101000000', nick_name: 'x' }, '会员不存在'],
    [{ nick_name: 'x' }, 'user_id、other_id、openid、mobile 不能同时为空'],
    [{ user_id: gold.customerId, mobile: '1390000' }, '参数格式错误：mobile'],
    [{ user_id: gold.customerId, birthday: '1980-02-30' }, '参数格式错误：birthday'],
    [{ user_id: gold.customerId, vip_sex: 3 }, '参数格式错误：vip_sex'],
    [{ user_id: gold.customerId, vip_offline_no: 'X'.repeat(21) }, '参数过长：vip_offline_no 最多 20 个字符'],
    [{ user_id: gold.customerId, props: [{ value: 'x' }] }, '缺少参数：storePropId'],
  ])('rejects %j', async (msg, message) => {
    expect((await update(msg)).json.message).toBe(message);
  });
});
