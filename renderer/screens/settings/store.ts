import { create } from 'zustand';
import type {
  ConnectionTestResult,
  IpcError,
  SettingsSaveRequest,
  SettingsView,
  TillMode,
} from '../../../common/contract';
import { requireTillApi, settleReply } from '../../bridge';

// The settings screen's state: the saved settings as main reports them (never the secret), the
// form the manager edits, and the outcome of the last save, connection test and mode switch.

export const DEFAULT_FORM = {
  serverUrl: '',
  appid: '',
  secret: '',
  storeCode: '',
  brandId: '',
  tillId: '',
  timeZone: 'Asia/Shanghai',
  connectTimeoutSeconds: '5',
  totalTimeoutSeconds: '15',
};

export type SettingsForm = typeof DEFAULT_FORM;
export type SettingsFormField = keyof SettingsForm;

export type SaveOutcome = { kind: 'saved' } | { kind: 'failed'; error: IpcError } | null;
export type TestOutcome = { kind: 'result'; result: ConnectionTestResult } | { kind: 'failed'; error: IpcError } | null;

interface SettingsScreenState {
  view: SettingsView | null;
  loadError: IpcError | null;
  form: SettingsForm;
  /** The manager ticked "store the secret without encryption" after reading the warning. */
  acceptPlainText: boolean;
  saving: boolean;
  saveOutcome: SaveOutcome;
  testing: boolean;
  testOutcome: TestOutcome;
  /** The mode the confirmation dialog offers to switch to, or null when it is closed. */
  modeDialog: TillMode | null;
  switchingMode: boolean;
  modeError: IpcError | null;

  load(): Promise<void>;
  setField(field: SettingsFormField, value: string): void;
  setAcceptPlainText(accepted: boolean): void;
  save(): Promise<void>;
  testConnection(): Promise<void>;
  askModeSwitch(mode: TillMode): void;
  cancelModeSwitch(): void;
  confirmModeSwitch(): Promise<void>;
}

/** Fills the form from the saved settings; the secret box always starts empty. */
export function formFromView(view: SettingsView): SettingsForm {
  const fields = view.fields;
  if (fields === null) return { ...DEFAULT_FORM };
  return {
    serverUrl: fields.serverUrl,
    appid: fields.appid,
    secret: '',
    storeCode: fields.storeCode,
    brandId: fields.brandId ?? '',
    tillId: fields.tillId,
    timeZone: fields.timeZone,
    connectTimeoutSeconds: String(fields.connectTimeoutMs / 1000),
    totalTimeoutSeconds: String(fields.totalTimeoutMs / 1000),
  };
}

/**
 * Converts seconds typed by the manager to milliseconds. Text that is not a number becomes NaN,
 * which main rejects as invalid input naming the field, so the screen shows the field's message.
 */
export function secondsToMs(text: string): number {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  return Math.round(Number(trimmed) * 1000);
}

/** Builds the fields of a save or test request from the form. */
export function fieldsFromForm(form: SettingsForm): SettingsSaveRequest['fields'] {
  return {
    serverUrl: form.serverUrl.trim(),
    appid: form.appid.trim(),
    storeCode: form.storeCode.trim(),
    brandId: form.brandId.trim(),
    tillId: form.tillId.trim(),
    timeZone: form.timeZone.trim(),
    connectTimeoutMs: secondsToMs(form.connectTimeoutSeconds),
    totalTimeoutMs: secondsToMs(form.totalTimeoutSeconds),
  };
}

export const useSettingsScreenStore = create<SettingsScreenState>()((set, get) => ({
  view: null,
  loadError: null,
  form: { ...DEFAULT_FORM },
  acceptPlainText: false,
  saving: false,
  saveOutcome: null,
  testing: false,
  testOutcome: null,
  modeDialog: null,
  switchingMode: false,
  modeError: null,

  async load() {
    const reply = await settleReply(() => requireTillApi().settings.get());
    if (!reply.ok) {
      set({ loadError: reply.error });
      return;
    }
    set({ view: reply.value, loadError: null, form: formFromView(reply.value), acceptPlainText: false });
  },

  setField(field, value) {
    set({ form: { ...get().form, [field]: value }, saveOutcome: null });
  },

  setAcceptPlainText(acceptPlainText) {
    set({ acceptPlainText });
  },

  async save() {
    if (get().saving) return;
    const { form, acceptPlainText } = get();
    set({ saving: true, saveOutcome: null });

    const request: SettingsSaveRequest = { fields: fieldsFromForm(form), acceptPlainTextSecret: acceptPlainText };
    if (form.secret.trim() !== '') request.secret = form.secret;
    const reply = await settleReply(() => requireTillApi().settings.save(request));

    if (reply.ok) {
      // The secret box is emptied: the screen never keeps a secret once main has it.
      set({ saving: false, saveOutcome: { kind: 'saved' }, view: reply.value, form: formFromView(reply.value), acceptPlainText: false });
    } else {
      set({ saving: false, saveOutcome: { kind: 'failed', error: reply.error } });
    }
  },

  async testConnection() {
    if (get().testing) return;
    const { form } = get();
    set({ testing: true, testOutcome: null });

    const secret = form.secret.trim() === '' ? undefined : form.secret;
    const request = { source: 'entered' as const, fields: fieldsFromForm(form), ...(secret === undefined ? {} : { secret }) };
    const reply = await settleReply(() => requireTillApi().settings.testConnection(request));

    set({
      testing: false,
      testOutcome: reply.ok ? { kind: 'result', result: reply.value } : { kind: 'failed', error: reply.error },
    });
  },

  askModeSwitch(mode) {
    set({ modeDialog: mode, modeError: null });
  },

  cancelModeSwitch() {
    if (!get().switchingMode) set({ modeDialog: null });
  },

  async confirmModeSwitch() {
    const mode = get().modeDialog;
    if (mode === null || get().switchingMode) return;
    set({ switchingMode: true, modeError: null });

    const reply = await settleReply(() => requireTillApi().settings.setMode({ mode, confirm: true }));
    if (reply.ok) {
      set({ switchingMode: false, modeDialog: null, view: reply.value });
    } else {
      set({ switchingMode: false, modeError: reply.error });
      // A failed switch to live mode leaves the till in training mode with a start failure to show.
      await get().load();
    }
  },
}));
