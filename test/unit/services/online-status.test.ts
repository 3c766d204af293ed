import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TillStatus } from '../../../common/contract';
import { startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';
import { waitFor } from '../../e2e/harness/wait';

describe('online monitor against a training server', () => {
  let fixture: TillFixture;

  beforeEach(async () => {
    fixture = await startTillFixture();
  });

  afterEach(() => fixture.close());

  it('reports online after the first ping', async () => {
    const status = await fixture.till.monitor.check();

    expect(status.connection).toBe('online');
    expect(status.latencyMs).toBeGreaterThanOrEqual(0);
    expect(fixture.till.status()).toMatchObject({ mode: 'training', connection: 'online', storeCode: 'S001', tillId: 'T01' });
  });

  it('emits status changes while the server goes down and back', async () => {
    await fixture.till.monitor.check();
    const seen: TillStatus['connection'][] = [];
    fixture.till.onEvent((name, payload) => {
      if (name === 'till:status-changed') seen.push((payload as TillStatus).connection);
    });

    await fixture.server.setFault({ kind: 'refuse-connections' });
    await waitFor(() => seen.includes('offline'), 5000);
    await fixture.server.setFault(null);
    await waitFor(() => seen.at(-1) === 'online', 5000);

    expect(seen).toEqual(['offline', 'online']);
    expect(fixture.till.status().connection).toBe('online');
  });

  it('checks at once when a call fails', async () => {
    await fixture.till.monitor.check();
    await fixture.server.setFault({ kind: 'refuse-connections' });

    // The ping interval in these tests is 1 s; the failed lookup must not wait for it.
    const started = Date.now();
    await fixture.till.router.call('member:lookup', { query: 'CARD201609010101' });
    await waitFor(() => fixture.till.status().connection === 'offline', 900);

    expect(Date.now() - started).toBeLessThan(900);
    await fixture.server.setFault(null);
  });

  it('serves the status over till:status', async () => {
    await fixture.till.monitor.check();

    const reply = await fixture.till.router.call('till:status', undefined);

    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.value).toMatchObject({ mode: 'training', connection: 'online', appVersion: '0.0.0' });
  });
});
