import { ipcRenderer } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, eventNames, TILL_API_KEY, type TillApi } from '../../../common/contract';
import { registerIpc } from '../../../main/ipc/register';
import { seedFixtures } from '../../../main/training';
import { startTillFixture, type TillFixture } from '../../e2e/harness/till-fixture';
import { contextBridge, ipcMain, resetElectronMock } from '../../mocks/electron';
// Loading the preload runs it once against the mock, as Electron runs it once per page.
import '../../../preload/index';

// The Electron wiring against the shared electron mock: registerIpc puts the router's channels on
// ipcMain, and the preload exposes one function per channel, so the two must list the same names.

const exposedKeys = [...contextBridge.exposed.keys()];
const exposedApi = contextBridge.exposed.get(TILL_API_KEY) as TillApi;

function toApiPath(channel: string): string {
  const [namespace, verb] = channel.split(':') as [string, string];
  return `${namespace}.${verb.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase())}`;
}

describe('IPC wiring', () => {
  let fixture: TillFixture;

  beforeAll(async () => {
    fixture = await startTillFixture();
  });

  afterAll(() => fixture.close());

  beforeEach(() => {
    resetElectronMock();
  });

  it('router handles exactly the contract channels', () => {
    expect([...fixture.till.router.channelNames].sort()).toEqual([...channelNames].sort());
  });

  it('registers one ipcMain handler per router channel', () => {
    registerIpc({ router: fixture.till.router, isTrustedSender: () => true });

    expect([...ipcMain.handlers.keys()].sort()).toEqual([...fixture.till.router.channelNames].sort());
  });

  it('removes its handlers again', () => {
    const unregister = registerIpc({ router: fixture.till.router, isTrustedSender: () => true });
    unregister();

    expect(ipcMain.handlers.size).toBe(0);
  });

  it('preload exposes exactly the router channels', () => {
    const api = exposedApi as unknown as Record<string, Record<string, unknown>>;
    const exposed = Object.entries(api)
      .filter(([namespace]) => namespace !== 'events')
      .flatMap(([namespace, group]) => Object.keys(group).map((verb) => `${namespace}.${verb}`));
    expect(exposed.sort()).toEqual(fixture.till.router.channelNames.map(toApiPath).sort());
    expect(Object.keys(api.events ?? {})).toHaveLength(eventNames.length);
  });

  it('preload exposes no ipcRenderer', () => {
    const values = JSON.stringify(exposedApi, (_key, value: unknown) => (typeof value === 'function' ? 'function' : value));

    expect(exposedKeys).toEqual([TILL_API_KEY]);
    expect(values).not.toContain('invoke');
    expect(Object.values(exposedApi)).not.toContain(ipcRenderer);
  });

  it('preload calls reach the router', async () => {
    registerIpc({ router: fixture.till.router, isTrustedSender: () => true });
    const api = exposedApi;

    const reply = await api.member.lookup({ query: seedFixtures.members.gold.cardNo });

    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.value.members[0]?.balanceFen).toBe(123_456);
  });

  it('rejects calls from an untrusted sender', async () => {
    let routed = 0;
    const router = {
      ...fixture.till.router,
      handle: async (channel: string, request: unknown) => {
        routed += 1;
        return fixture.till.router.handle(channel, request);
      },
    };
    registerIpc({ router, isTrustedSender: () => false });
    const api = exposedApi;

    const reply = await api.member.lookup({ query: seedFixtures.members.gold.cardNo });

    expect(reply).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Calls to 'member:lookup' are accepted only from the till window" },
    });
    expect(routed).toBe(0);
  });
});
