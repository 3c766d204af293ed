// The one shared stand-in for the `electron` module. vitest.config.ts aliases `electron` to this
// file for every test, so no test loads the real module (which tries to download its binary).
// It records what the code under test asked of Electron, so tests can assert on it, and
// `resetElectronMock()` puts everything back between tests.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class IpcMainMock extends EventEmitter {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls a registered handler the way Electron would for `ipcRenderer.invoke`. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export const ipcMain = new IpcMainMock();

export const ipcRenderer = {
  invoke: async (channel: string, ...args: unknown[]): Promise<unknown> =>
    ipcMain.invoke(channel, { sender: { id: 0 }, senderFrame: null }, ...args),
  on: (): void => undefined,
  removeListener: (): void => undefined,
  send: (): void => undefined,
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

class WebContentsMock extends EventEmitter {
  static nextId = 1;
  readonly id = WebContentsMock.nextId++;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly session = createSessionMock();
  mainFrame = { url: 'file:///app/out/renderer/index.html', routingId: 1 };
  devToolsOpened = false;

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  openDevTools(): void {
    this.devToolsOpened = true;
  }

  closeDevTools(): void {
    this.devToolsOpened = false;
  }

  isDestroyed(): boolean {
    return false;
  }
}

function createSessionMock() {
  return {
    permissionRequestHandler: null as unknown,
    permissionCheckHandler: null as unknown,
    setPermissionRequestHandler(handler: unknown): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: unknown): void {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      headersHandler: null as unknown,
      onHeadersReceived(handler: unknown): void {
        this.headersHandler = handler;
      },
    },
  };
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new WebContentsMock();
  loadedUrl: string | null = null;
  loadedFile: string | null = null;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.created.push(this);
  }

  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created.filter((window) => !window.destroyed);
  }

  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.created.find((window) => window.webContents === contents) ?? null;
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }

  async loadFile(path: string): Promise<void> {
    this.loadedFile = path;
  }

  show(): void {}
  focus(): void {}
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

function createCancellableEvent() {
  return {
    defaultPrevented: false,
    preventDefault(): void {
      this.defaultPrevented = true;
    },
  };
}

let userDataPath = mkdtempSync(join(tmpdir(), 'vipax-electron-mock-'));

class AppMock extends EventEmitter {
  isPackaged = false;
  private readonly version = '0.0.0-test';
  readonly quitCalls: number[] = [];

  getPath(name: string): string {
    if (name === 'userData' || name === 'appData') return userDataPath;
    if (name === 'logs') return join(userDataPath, 'logs');
    return join(userDataPath, name);
  }

  setPath(name: string, value: string): void {
    if (name === 'userData') userDataPath = value;
  }

  getVersion(): string {
    return this.version;
  }

  getName(): string {
    return 'vipax-till';
  }

  getLocale(): string {
    return 'zh-CN';
  }

  async whenReady(): Promise<void> {}

  isReady(): boolean {
    return true;
  }

  requestSingleInstanceLock(): boolean {
    return true;
  }

  /** Emits `before-quit` with an event a listener may cancel, then `will-quit` unless it was. */
  quit(): void {
    this.quitCalls.push(Date.now());
    const beforeQuit = createCancellableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.emit('will-quit', createCancellableEvent());
  }

  exit(): void {}
}

export const app = new AppMock();

/**
 * safeStorage whose backend a test chooses. The "encryption" is reversible and marked, so a test
 * can tell ciphertext from plain text, and a changed backend makes decryption fail as it does in
 * Electron.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a);
    return Buffer.concat([Buffer.from(`mock:${this.backend}:`), body]);
  },
  decryptString(encrypted: Buffer): string {
    if (!this.available) throw new Error('Decryption is not available.');
    const prefix = Buffer.from(`mock:${this.backend}:`);
    if (!encrypted.subarray(0, prefix.length).equals(prefix)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return Buffer.from(encrypted.subarray(prefix.length).map((byte) => byte ^ 0x5a)).toString('utf8');
  },
};

export const session = {
  defaultSession: createSessionMock(),
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

export const dialog = {
  async showMessageBox(): Promise<{ response: number }> {
    return { response: 0 };
  },
  showErrorBox(): void {},
};

export const Menu = {
  setApplicationMenu(): void {},
  buildFromTemplate(template: unknown): unknown {
    return template;
  },
};

/** Puts the mock back to a clean state with a new userData folder. */
export function resetElectronMock(): void {
  for (const channel of [...ipcMain.handlers.keys()]) ipcMain.removeHandler(channel);
  ipcMain.removeAllListeners();
  contextBridge.exposed.clear();
  BrowserWindow.created.length = 0;
  app.removeAllListeners();
  app.isPackaged = false;
  app.quitCalls.length = 0;
  userDataPath = mkdtempSync(join(tmpdir(), 'vipax-electron-mock-'));
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  shell.opened.length = 0;
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  safeStorage,
  session,
  shell,
};
