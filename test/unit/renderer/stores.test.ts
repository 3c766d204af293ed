import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, eventNames, type TillApi } from '../../../common/contract';
import { createTill, type Till } from '../../../main/app/create-till';
import { seedFixtures, startTrainingServer, type TrainingServer } from '../../../main/training';
import { createVipaxClient } from '../../../main/vipax';
import { buildTillApi } from '../../../preload/bridge';
import { checkPayment } from '../../../renderer/lib/payment-check';
import { useMemberStore, type MemberLookup } from '../../../renderer/stores/member';
import { usePaymentStore } from '../../../renderer/stores/payment';
import { useTillStatusStore } from '../../../renderer/stores/till-status';

// The renderer's stores against a real till: `window.till` is built by the preload's own
// function over the real router, which talks to a real training server on 127.0.0.1.

const { members } = seedFixtures;
let fixture: { server: TrainingServer; till: Till; dataDir: string };
let stopStatus: () => void = () => undefined;

/** Starts a training server and a till on it, with short timeouts and fast pings. */
async function startTill(): Promise<typeof fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipax-renderer-stores-'));
  const server = await startTrainingServer({ host: '127.0.0.1', port: 0 });
  const till = await createTill({
    dataDir,
    trainingServer: server,
    client: { connectTimeoutMs: 1000, timeoutMs: 3000, readRetries: 1, retryBaseDelayMs: 50 },
    monitor: { intervalMs: 1000, offlineIntervalMs: 100 },
    settleDelayMs: 0,
  });
  return { server, till, dataDir };
}

function installTillApi(till: Till): void {
  const api = buildTillApi(
    channelNames,
    eventNames,
    (channel, request) => till.router.handle(channel, request),
    (event, listener) => till.onEvent((name, payload) => name === event && listener(payload)),
  ) as unknown as TillApi;
  Object.defineProperty(globalThis, 'till', { value: api, configurable: true });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function foundMember() {
  const { lookup } = useMemberStore.getState();
  if (lookup.phase !== 'found') throw new Error(`Expected a found member, lookup is ${lookup.phase}`);
  return lookup.member;
}

/** Returns the unknown outcome's resolution state, or the flow's phase when it is not unknown. */
function resolutionState(): string {
  const { flow } = usePaymentStore.getState();
  return flow.phase === 'unknown' ? flow.resolution.state : `phase ${flow.phase}`;
}

/** Returns a lookup field, or the lookup's phase when it is not `phase`. */
function lookupField<P extends MemberLookup['phase'], K extends keyof Extract<MemberLookup, { phase: P }>>(phase: P, key: K): unknown {
  const { lookup } = useMemberStore.getState();
  return lookup.phase === phase ? (lookup as Extract<MemberLookup, { phase: P }>)[key] : `phase ${lookup.phase}`;
}

/** Pays from a member's balance through a second client, as another till of the store would. */
async function spendOnOtherTill(customerId: string, priceFen: number, orderNo: string): Promise<void> {
  const otherTill = createVipaxClient({
    url: fixture.server.url,
    appid: fixture.server.appid,
    secret: fixture.server.secret,
    storeCode: fixture.server.storeCode,
  });
  try {
    await otherTill.paidConsumeByPro({ memberNo: customerId, orderNo, priceFen });
  } finally {
    otherTill.close();
  }
}

async function findByCard(cardNo: string) {
  await useMemberStore.getState().search(cardNo, 'scan');
  return foundMember();
}

beforeAll(async () => {
  fixture = await startTill();
  installTillApi(fixture.till);
  stopStatus = useTillStatusStore.getState().start();
  await waitFor(() => useTillStatusStore.getState().status?.connection === 'online', 'the till is online');
});

afterAll(async () => {
  stopStatus();
  await fixture.till.close();
  await fixture.server.close();
  rmSync(fixture.dataDir, { recursive: true, force: true });
  Reflect.deleteProperty(globalThis, 'till');
});

beforeEach(() => {
  useMemberStore.setState(useMemberStore.getInitialState(), true);
  usePaymentStore.setState(usePaymentStore.getInitialState(), true);
});

afterEach(async () => {
  fixture.server.hooks.afterApply = undefined;
  await fixture.server.setFault(null);
  await waitFor(() => useTillStatusStore.getState().status?.connection === 'online', 'the till is back online');
});

describe('till status store', () => {
  it('shows training mode and the ids', () => {
    const status = useTillStatusStore.getState().status;
    expect(status?.mode).toBe('training');
    expect(status?.storeCode).toBe(seedFixtures.storeCode);
    expect(status?.tillId).toBe('T01');
  });
});

describe('member store', () => {
  it('finds a scanned card', async () => {
    const member = await findByCard(members.gold.cardNo);
    expect(member.name).toBe('王建国');
    expect(member.balanceFen).toBe(123_456);
    expect(member.phoneMasked).toBe('139****0001');
    expect(member.discountRatePercent).toBe(88);
    expect(member.state).toBe('active');
  });

  it('offers a chooser for a shared phone', async () => {
    await useMemberStore.getState().search(seedFixtures.sharedPhone, 'typed');
    const { lookup } = useMemberStore.getState();
    expect(lookup.phase).toBe('choosing');
    if (lookup.phase !== 'choosing') return;
    expect(lookup.members.map((member) => member.cardNo)).toEqual([
      members.sharedPhoneFirst.cardNo,
      members.sharedPhoneSecond.cardNo,
    ]);

    useMemberStore.getState().moveHighlight(1);
    useMemberStore.getState().choose();
    expect(foundMember().cardNo).toBe(members.sharedPhoneSecond.cardNo);
  });

  it('searches a typed full-width phone', async () => {
    const fullWidthPhone = seedFixtures.sharedPhone.replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
    await useMemberStore.getState().search(fullWidthPhone, 'typed');
    const { lookup } = useMemberStore.getState();

    expect(lookup.phase).toBe('choosing');
    if (lookup.phase !== 'choosing') return;
    expect(lookup.members.map((member) => member.cardNo)).toEqual([members.sharedPhoneFirst.cardNo, members.sharedPhoneSecond.cardNo]);
  });

  it('wraps the chooser highlight', async () => {
    await useMemberStore.getState().search(seedFixtures.sharedPhone, 'typed');
    useMemberStore.getState().moveHighlight(-1);
    expect(lookupField('choosing', 'highlighted')).toBe(1);
  });

  it('reports an unknown card as not found', async () => {
    await useMemberStore.getState().search(seedFixtures.unknownCardNo, 'scan');
    const { lookup } = useMemberStore.getState();
    expect(lookup.phase).toBe('failed');
    if (lookup.phase !== 'failed') return;
    expect(lookup.error.code).toBe('not-found');
    expect(lookup.kind).toBe('card');
    expect(lookup.query).toBe(seedFixtures.unknownCardNo);
  });

  it('reads 11 typed digits as a phone', async () => {
    await useMemberStore.getState().search(seedFixtures.unknownPhone, 'typed');
    expect(lookupField('failed', 'kind')).toBe('phone');
  });

  it('keeps only the newest lookup', async () => {
    const first = useMemberStore.getState().search(members.gold.cardNo, 'scan');
    const second = useMemberStore.getState().search(members.diamond.cardNo, 'scan');
    await Promise.all([first, second]);
    expect(foundMember().cardNo).toBe(members.diamond.cardNo);
  });

  it('looks up again once back online', async () => {
    await fixture.server.setFault({ kind: 'refuse-connections' });
    await useMemberStore.getState().search(members.silver.cardNo, 'scan');
    const { lookup } = useMemberStore.getState();
    expect(lookup.phase === 'failed' ? lookup.error.code : lookup.phase).toMatch(/^(network|offline)$/);

    await waitFor(() => useTillStatusStore.getState().status?.connection === 'offline', 'the till is offline');
    await fixture.server.setFault(null);
    await waitFor(() => useMemberStore.getState().lookup.phase === 'found', 'the lookup ran again');
    expect(foundMember().cardNo).toBe(members.silver.cardNo);
  });
});

describe('payment checks', () => {
  it('stop a frozen card', async () => {
    const member = await findByCard(members.frozen.cardNo);
    expect(checkPayment('10', member, 'online').problem).toEqual({ kind: 'frozen' });
    usePaymentStore.getState().setAmountText('10');
    expect(usePaymentStore.getState().requestConfirmation()).toBe(false);
    expect(usePaymentStore.getState().flow.phase).toBe('editing');
  });

  it('stop an insufficient balance', async () => {
    const member = await findByCard(members.lowBalance.cardNo);
    expect(checkPayment('12.51', member, 'online').problem).toEqual({
      kind: 'insufficient',
      actualPaymentFen: 1001,
      balanceFen: 1000,
    });
    expect(checkPayment('12.50', member, 'online').problem).toBeNull();
  });

  it('report each amount error', async () => {
    const member = await findByCard(members.gold.cardNo);
    const cases = [
      ['', 'empty'],
      ['abc', 'not-a-number'],
      ['1.234', 'too-many-decimals'],
      ['0', 'not-positive'],
      ['2000000', 'too-large'],
    ] as const;
    for (const [text, error] of cases) {
      expect(checkPayment(text, member, 'online').problem, text).toEqual({ kind: 'amount', error });
    }
  });

  it('stop payment while offline', async () => {
    const member = await findByCard(members.gold.cardNo);
    expect(checkPayment('10', member, 'offline').problem).toEqual({ kind: 'offline' });
    expect(checkPayment('10', member, 'checking').problem).toEqual({ kind: 'checking' });
  });

  it('preview the discount', async () => {
    const member = await findByCard(members.diamond.cardNo);
    const { preview } = checkPayment('100', member, 'online');
    expect(preview).toEqual({
      priceFen: 10_000,
      discountRatePercent: 80,
      discountFen: 2_000,
      actualPaymentFen: 8_000,
      balanceAfterFen: 492_000,
      sufficient: true,
    });
  });
});

describe('payment store', () => {
  it('charges once for two presses', async () => {
    await findByCard(members.diamond.cardNo);
    const payment = usePaymentStore.getState();
    payment.setAmountText('100');
    expect(payment.requestConfirmation()).toBe(true);

    await Promise.all([usePaymentStore.getState().confirm(), usePaymentStore.getState().confirm()]);

    const { flow } = usePaymentStore.getState();
    expect(flow.phase).toBe('charged');
    if (flow.phase !== 'charged') return;
    expect(flow.result.priceFen).toBe(10_000);
    expect(flow.result.discountRatePercent).toBe(80);
    expect(flow.result.discountFen).toBe(2_000);
    expect(flow.result.actualPaymentFen).toBe(8_000);
    expect(flow.result.orderNo).toMatch(/^S001-T01-\d{14}-\d{4}$/);
    expect(fixture.server.countApplied(flow.result.orderNo)).toBe(1);
    expect(flow.result.balanceFen).toBe(fixture.server.findMember(members.diamond.cardNo)?.balanceFen);
    expect(foundMember().balanceFen).toBe(flow.result.balanceFen);
  });

  it('ignores confirm before the question', async () => {
    await findByCard(members.silver.cardNo);
    usePaymentStore.getState().setAmountText('10');
    await usePaymentStore.getState().confirm();
    expect(usePaymentStore.getState().flow.phase).toBe('editing');
  });

  it('resolves a dropped answer as charged', async () => {
    await findByCard(members.gold.cardNo);
    await fixture.server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'], count: 1 });
    usePaymentStore.getState().setAmountText('10');
    usePaymentStore.getState().requestConfirmation();
    await usePaymentStore.getState().confirm();

    const { flow } = usePaymentStore.getState();
    expect(flow.phase).toBe('unknown');
    if (flow.phase !== 'unknown') return;
    expect(flow.resolution.state).toBe('charged');
    expect(fixture.server.countApplied(flow.payment.orderNo)).toBe(1);
    if (flow.resolution.state === 'charged') expect(flow.resolution.result.orderNo).toBe(flow.payment.orderNo);
  });

  it('resolves a 502 as not charged', async () => {
    await findByCard(members.silver.cardNo);
    await fixture.server.setFault({ kind: 'bad-gateway' }, { methods: ['paidConsumeByPro'], count: 1 });
    usePaymentStore.getState().setAmountText('20');
    usePaymentStore.getState().requestConfirmation();
    await usePaymentStore.getState().confirm();

    expect(resolutionState()).toBe('not-charged');
    const { flow } = usePaymentStore.getState();
    if (flow.phase !== 'unknown') return;
    expect(fixture.server.countApplied(flow.payment.orderNo)).toBe(0);

    usePaymentStore.getState().back();
    expect(usePaymentStore.getState().flow.phase).toBe('editing');
    expect(usePaymentStore.getState().amountText).toBe('20');
  });

  it('keeps an unreadable outcome open', async () => {
    await findByCard(members.standard.cardNo);
    await fixture.server.setFault({ kind: 'drop-after-apply' }, { methods: ['paidConsumeByPro'], count: 1 });
    // The server keeps one fault at a time: once the payment is applied, the log starts failing.
    fixture.server.hooks.afterApply = (call) =>
      call.method === 'paidConsumeByPro'
        ? fixture.server.setFault({ kind: 'bad-gateway' }, { methods: ['getPaidConsumeLog'] })
        : undefined;
    usePaymentStore.getState().setAmountText('5');
    usePaymentStore.getState().requestConfirmation();
    await usePaymentStore.getState().confirm();

    expect(resolutionState()).toBe('undetermined');
    usePaymentStore.getState().reset();
    expect(usePaymentStore.getState().flow.phase).toBe('unknown');

    usePaymentStore.getState().postponeUnsettled();
    await waitFor(() => usePaymentStore.getState().unresolved.length === 1, 'the payment is listed as unresolved');
    const [unresolved] = usePaymentStore.getState().unresolved;
    expect(unresolved?.cardNo).toBe(members.standard.cardNo);

    await fixture.server.setFault(null);
    if (!unresolved) return;
    await usePaymentStore.getState().openUnresolved(unresolved);
    expect(resolutionState()).toBe('charged');
    expect(usePaymentStore.getState().unresolved).toEqual([]);
  });

  it('re-reads the member after a rejection', async () => {
    const shown = await findByCard(members.lowBalance.cardNo);
    expect(shown.balanceFen).toBe(fixture.server.findMember(members.lowBalance.cardNo)?.balanceFen);
    // Another till spends the whole balance while main re-reads the member before paying, so the
    // till's own check passes and the server rejects.
    await fixture.server.setFault({ kind: 'delay', ms: 1500 }, { methods: ['customer.get'], count: 1 });
    usePaymentStore.getState().setAmountText('1');
    expect(usePaymentStore.getState().requestConfirmation()).toBe(true);
    const paying = usePaymentStore.getState().confirm();
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Rate 80: a price of balance × 100 / 80 takes the whole balance.
    await spendOnOtherTill(shown.customerId, (shown.balanceFen * 100) / 80, 'OTHER-TILL-0001');
    await paying;

    const { flow } = usePaymentStore.getState();
    expect(flow).toEqual({ phase: 'failed', error: { code: 'rejected', message: '储值余额不足' } });
    expect(fixture.server.findMember(members.lowBalance.cardNo)?.balanceFen).toBe(0);
    expect(foundMember().balanceFen).toBe(0);
    expect(foundMember().customerId).toBe(shown.customerId);
  });

  it('re-reads the member after insufficient balance', async () => {
    const shown = await findByCard(members.standard.cardNo);
    // The balance drops to 0.50 after the panel read it, so main's own check rejects 10.00.
    await spendOnOtherTill(shown.customerId, shown.balanceFen - 50, 'OTHER-TILL-0002');
    usePaymentStore.getState().setAmountText('10');
    expect(usePaymentStore.getState().requestConfirmation()).toBe(true);
    await usePaymentStore.getState().confirm();

    const { flow } = usePaymentStore.getState();
    expect(flow.phase === 'failed' ? flow.error.code : flow.phase).toBe('insufficient-balance');
    expect(shown.balanceFen).toBeGreaterThan(1000);
    expect(foundMember().balanceFen).toBe(50);
  });

  it('reports an unreachable server', async () => {
    await findByCard(members.gold.cardNo);
    await fixture.server.setFault({ kind: 'refuse-connections' });
    usePaymentStore.getState().setAmountText('10');
    usePaymentStore.getState().requestConfirmation();
    await usePaymentStore.getState().confirm();

    const { flow } = usePaymentStore.getState();
    expect(flow.phase === 'failed' ? flow.error.code : flow.phase).toMatch(/^(network|offline)$/);
  });
});
