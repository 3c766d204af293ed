import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../common/contract';
import { TRAINING_JOURNAL_FILE } from '../../../main/app/create-till';
import { startFailureText, startTillApp, type TillApp } from '../../../main/app/electron-app';
import { JournalDamagedError } from '../../../main/journal';
import { seedFixtures } from '../../../main/training';
import { waitFor } from '../../e2e/harness/wait';
import { app, BrowserWindow, dialog, ipcMain, resetElectronMock } from '../../mocks/electron';

const PAGE = 'file:///app/out/renderer/index.html';

describe('startTillApp', () => {
  let started: TillApp;

  beforeEach(async () => {
    resetElectronMock();
    started = startTillApp({ preloadPath: '/app/out/preload/index.cjs', pageUrl: PAGE });
    await started.ready;
  });

  afterEach(async () => {
    if (started.till() !== null && app.quitCalls.length === 0) {
      app.quit();
      await waitFor(() => app.quitCalls.length >= 2, 10_000);
    }
  });

  it('opens one sandboxed window at the app page', () => {
    expect(BrowserWindow.created).toHaveLength(1);
    const window = BrowserWindow.created[0]!;
    expect(window.loadedUrl).toBe(PAGE);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('registers a handler for every contract channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('accepts IPC from its window only', async () => {
    const window = BrowserWindow.created[0]!;
    const request = { query: seedFixtures.members.gold.cardNo };

    const fromWindow = await ipcMain.invoke('member:lookup', { sender: window.webContents, senderFrame: window.webContents.mainFrame }, request);
    const fromSubframe = await ipcMain.invoke('member:lookup', { sender: window.webContents, senderFrame: { url: PAGE } }, request);
    const fromElsewhere = await ipcMain.invoke('member:lookup', { sender: { id: 99 }, senderFrame: null }, request);

    expect(fromWindow).toMatchObject({ ok: true, value: { members: [{ cardNo: seedFixtures.members.gold.cardNo }] } });
    expect(fromSubframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('starts in training mode without settings', () => {
    expect(started.till()?.mode).toBe('training');
    expect(started.till()?.ownTrainingServer).not.toBeNull();
  });

  it('forwards status events to the window', async () => {
    const window = BrowserWindow.created[0]!;
    await waitFor(() => window.webContents.sent.some((message) => message.channel === 'till:status-changed'), 5000);

    const sent = window.webContents.sent.find((message) => message.channel === 'till:status-changed');
    expect(sent?.args[0]).toMatchObject({ mode: 'training', connection: 'online' });
  });

  it('closes the till before quitting', async () => {
    const till = started.till()!;

    app.quit();
    await waitFor(() => app.quitCalls.length === 2, 10_000);

    expect(ipcMain.handlers.size).toBe(0);
    expect(() => till.journal.listPayments()).toThrow();
  });
});

describe('startTillApp failure', () => {
  it('shows the error and exits when the till cannot start', async () => {
    resetElectronMock();
    // A data folder that is a file: neither the log folder nor the journal can be created.
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'vipax-till-test-')), 'file');
    writeFileSync(notAFolder, 'not a folder');
    app.setPath('userData', notAFolder);
    const shown = vi.spyOn(dialog, 'showErrorBox').mockImplementation(() => undefined);
    const exited = vi.spyOn(app, 'exit').mockImplementation(() => undefined);

    const started = startTillApp({ preloadPath: '/app/out/preload/index.cjs', pageUrl: PAGE });
    await started.ready;

    expect(exited).toHaveBeenCalledWith(1);
    expect(shown).toHaveBeenCalledTimes(1);
    const [title, text] = shown.mock.calls[0] as unknown as [string, string];
    expect(title).toBe('VIPax 收银台');
    expect(text).toContain('程序内部出错，请重试；如仍出现，请联系技术支持。');
    expect(text).toContain('Internal error. Try again, and call support if it happens again.');
    expect(BrowserWindow.created).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('names a damaged journal and exits', async () => {
    resetElectronMock();
    const dataDir = mkdtempSync(join(tmpdir(), 'vipax-till-test-'));
    const journalPath = join(dataDir, TRAINING_JOURNAL_FILE);
    writeFileSync(journalPath, 'this is not sqlite at all');
    app.setPath('userData', dataDir);
    const shown = vi.spyOn(dialog, 'showErrorBox').mockImplementation(() => undefined);
    const exited = vi.spyOn(app, 'exit').mockImplementation(() => undefined);

    const started = startTillApp({ preloadPath: '/app/out/preload/index.cjs', pageUrl: PAGE });
    await started.ready;

    expect(exited).toHaveBeenCalledWith(1);
    expect(shown).toHaveBeenCalledTimes(1);
    const [title, text] = shown.mock.calls[0] as unknown as [string, string];
    expect(title).toBe('VIPax 收银台');
    expect(text.startsWith(`收银台无法读取记录文件 ${journalPath}，文件可能已损坏，程序将退出。`)).toBe(true);
    expect(text).toContain('请不要删除、移动或替换这个文件');
    expect(text).toContain(`The till cannot read its record file ${journalPath};`);
    expect(text).not.toContain('程序内部出错');
    expect(readFileSync(journalPath, 'utf8')).toBe('this is not sqlite at all');
    expect(BrowserWindow.created).toHaveLength(0);
  });
});

describe('startFailureText', () => {
  it('names the damaged journal file', () => {
    const text = startFailureText(new JournalDamagedError('/data/journal.sqlite', new Error('file is not a database')));

    expect(text).toContain('收银台无法读取记录文件 /data/journal.sqlite，');
    expect(text).toContain('请联系技术支持并提供这个文件。');
    expect(text.indexOf('收银台无法读取')).toBeLessThan(text.indexOf('The till cannot read'));
  });

  it('falls back to the internal error text', () => {
    const text = startFailureText(new Error('disk full'));

    expect(text).toBe('程序内部出错，请重试；如仍出现，请联系技术支持。\nInternal error. Try again, and call support if it happens again.\n\ndisk full');
  });
});
