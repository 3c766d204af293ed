import { parseArgs } from 'node:util';
import { parseYuanInput } from '../../common/money';
import { normalizeTypedText } from '../../common/typed-text';
import type { VipaxClientConfig } from '../vipax/config';
import type { MessageKey } from './messages';

/** A failure the command line finds itself, before or instead of calling the server. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    readonly kind: 'usage' | 'invalid-input' | 'not-found',
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${kind}: ${key} ${JSON.stringify(params)}`);
  }
}

const CONNECTION_OPTIONS = ['url', 'appid', 'store-code', 'brand-id', 'secret-stdin'] as const;

/** The options each command takes, besides --help. */
export const COMMAND_OPTIONS = {
  'training-server': ['port', 'data'],
  ping: [...CONNECTION_OPTIONS],
  member: [...CONNECTION_OPTIONS, 'card', 'phone', 'openid', 'user-id', 'other-id'],
  pay: [...CONNECTION_OPTIONS, 'card', 'amount', 'order-no', 'remark'],
  refund: [...CONNECTION_OPTIONS, 'card', 'amount', 'order-no', 'original-order-no', 'remark'],
  log: [...CONNECTION_OPTIONS, 'phone', 'other-id', 'from', 'to', 'type', 'page', 'page-size'],
  order: [...CONNECTION_OPTIONS, 'file'],
  return: [...CONNECTION_OPTIONS, 'file'],
  stock: [...CONNECTION_OPTIONS, 'goods', 'page', 'page-size'],
} as const;

export type Command = keyof typeof COMMAND_OPTIONS;

const STRING_OPTIONS = [
  'url',
  'appid',
  'store-code',
  'brand-id',
  'port',
  'data',
  'card',
  'phone',
  'openid',
  'user-id',
  'other-id',
  'amount',
  'order-no',
  'original-order-no',
  'remark',
  'from',
  'to',
  'type',
  'page',
  'page-size',
  'file',
  'goods',
] as const;

export type Values = Partial<Record<(typeof STRING_OPTIONS)[number], string>> & { 'secret-stdin'?: boolean; help?: boolean };

export interface ParsedArguments {
  command: Command | null;
  values: Values;
}

function isCommand(name: string): name is Command {
  return Object.hasOwn(COMMAND_OPTIONS, name);
}

/** Parses the arguments and fails with a `usage` CliError for unknown commands and options. */
export function parseArguments(argv: string[]): ParsedArguments {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    'secret-stdin': { type: 'boolean' },
  };
  for (const name of STRING_OPTIONS) options[name] = { type: 'string' };

  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw argumentError(error);
  }

  const values = normalizeValues(parsed.values as Values);
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) return { command: null, values };
  if (!isCommand(name)) throw new CliError('usage', 'unknownCommand', { command: name });
  if (extra.length > 0) throw new CliError('usage', 'badArguments', { detail: `unexpected argument "${extra[0]}"` });

  const allowed: readonly string[] = COMMAND_OPTIONS[name];
  for (const option of Object.keys(values)) {
    if (option !== 'help' && !allowed.includes(option)) {
      throw new CliError('usage', 'optionNotForCommand', { command: name, option: `--${option}` });
    }
  }
  return { command: name, values };
}

/**
 * Options whose text is kept as typed: free text and JSON, where NFKC would turn Chinese
 * full-width punctuation into ASCII, and file paths.
 */
const VERBATIM_OPTIONS: ReadonlySet<string> = new Set(['data', 'file', 'goods', 'remark']);

/** Normalizes every other string value like the till's input fields do, so "１３９…" is a phone number. */
function normalizeValues(values: Values): Values {
  const normalized: Record<string, unknown> = { ...values };
  for (const [option, value] of Object.entries(values)) {
    if (typeof value === 'string' && !VERBATIM_OPTIONS.has(option)) normalized[option] = normalizeTypedText(value);
  }
  return normalized as Values;
}

/**
 * Turns an error of util.parseArgs into a message of our own, because Node's text ends in a period
 * of its own and is English only. The option is the first quoted `--name` in Node's message.
 */
function argumentError(error: unknown): CliError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const option = /'(--?[\w-]+)/.exec(message)?.[1];
  if (option !== undefined && code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new CliError('usage', 'unknownOption', { option });
  if (option !== undefined && code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // Node calls a value that starts with "-" (such as --amount -1) ambiguous, because it may be an option.
    return new CliError('usage', /ambiguous/.test(message) ? 'optionValueStartsWithDash' : 'missingOptionValue', { option });
  }
  return new CliError('usage', 'badArguments', { detail: message.replace(/\s*\r?\n\s*/g, ' ').replace(/\.$/, '') });
}

export function requireOption(values: Values, name: keyof Values): string {
  const value = values[name];
  if (typeof value !== 'string') throw new CliError('usage', 'missingOption', { option: `--${name}` });
  if (value.trim() === '') throw new CliError('invalid-input', 'emptyOption', { option: `--${name}` });
  return value;
}

/** Returns the one option of `names` that is given, and fails unless exactly one is. */
export function requireOneOf<Name extends keyof Values>(values: Values, names: readonly Name[]): { name: Name; value: string } {
  const given = names.filter((name) => values[name] !== undefined);
  const first = given[0];
  if (given.length !== 1 || first === undefined) {
    throw new CliError('usage', 'exactlyOneOption', { options: names.map((name) => `--${name}`).join(', ') });
  }
  return { name: first, value: String(values[first]) };
}

/** Parses a whole number option of 0 or more, such as --page. */
export function optionalCount(values: Values, name: 'page' | 'page-size' | 'type'): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new CliError('invalid-input', 'notInteger', { option: `--${name}`, value: text });
  return Number(text);
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) throw new CliError('invalid-input', 'badPort', { value: text });
  return port;
}

const AMOUNT_ERRORS = {
  empty: 'amountEmpty',
  'not-a-number': 'amountNotANumber',
  'too-many-decimals': 'amountTooManyDecimals',
  'not-positive': 'amountNotPositive',
  'too-large': 'amountTooLarge',
} as const satisfies Record<string, MessageKey>;

/** Parses --amount, yuan text such as "12.34", into positive fen. */
export function parseAmount(values: Values): number {
  const text = values.amount;
  if (text === undefined) throw new CliError('usage', 'missingOption', { option: '--amount' });
  const parsed = parseYuanInput(text);
  if (!parsed.ok) throw new CliError('invalid-input', AMOUNT_ERRORS[parsed.error], { value: text });
  return parsed.fen;
}

const SETTING_SOURCES = {
  url: { flag: '--url', variable: 'VIPAX_URL' },
  appid: { flag: '--appid', variable: 'VIPAX_APPID' },
  storeCode: { flag: '--store-code', variable: 'VIPAX_STORE_CODE' },
  brandId: { flag: '--brand-id', variable: 'VIPAX_BRAND_ID' },
} as const;

/**
 * Names where each connection setting came from: the flag when it is given, else the environment
 * variable, so that an invalid value is reported under the name the user set.
 */
export function connectionSettingLabels(values: Values): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [field, source] of Object.entries(SETTING_SOURCES)) {
    const flagName = source.flag.slice(2) as keyof Values;
    labels[field] = values[flagName] === undefined ? source.variable : source.flag;
  }
  return labels;
}

/**
 * Reads the connection from the environment, with flags taking precedence. The secret comes only
 * from VIPAX_SECRET or, with --secret-stdin, from `readSecret`, never from a flag.
 */
export async function resolveConnection(
  values: Values,
  env: NodeJS.ProcessEnv,
  readSecret: () => Promise<string>,
): Promise<VipaxClientConfig> {
  const optionalSetting = (flag: 'url' | 'appid' | 'store-code' | 'brand-id', variable: string): string | undefined => {
    const value = values[flag] ?? env[variable];
    return value === undefined || value === '' ? undefined : value;
  };
  const requiredSetting = (flag: 'url' | 'appid' | 'store-code', variable: string): string => {
    const value = optionalSetting(flag, variable);
    if (value === undefined) throw new CliError('usage', 'missingSetting', { env: variable, flag: `--${flag}` });
    return value;
  };

  const url = requiredSetting('url', 'VIPAX_URL');
  const appid = requiredSetting('appid', 'VIPAX_APPID');
  const storeCode = requiredSetting('store-code', 'VIPAX_STORE_CODE');
  const brandId = optionalSetting('brand-id', 'VIPAX_BRAND_ID');

  let secret: string;
  if (values['secret-stdin']) {
    // One trailing line break is part of how the secret was typed or piped, not of the secret.
    secret = (await readSecret()).replace(/\r?\n$/, '');
    if (secret === '') throw new CliError('usage', 'secretStdinEmpty');
  } else {
    secret = env.VIPAX_SECRET ?? '';
    if (secret === '') throw new CliError('usage', 'missingSecret');
  }

  return brandId === undefined ? { url, appid, secret, storeCode } : { url, appid, secret, storeCode, brandId };
}
