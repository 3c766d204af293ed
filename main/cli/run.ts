// The `vipax` command line: parses the arguments, runs one command, prints its result as JSON on
// stdout, and reports a failure as one line "kind: message" on stderr with the exit status below.
import { startTrainingServer } from '../training';
import { createVipaxClient } from '../vipax/client';
import { isVipaxError, type InputRule, type VipaxError } from '../vipax/errors';
import { OPTION_OF_FIELD, WRITE_COMMANDS, runServerCommand } from './commands';
import { detectLocale, formatMessage, helpText, type Locale, type MessageKey } from './messages';
import { CliError, connectionSettingLabels, parseArguments, parsePort, resolveConnection, type Command } from './options';

export const EXIT = {
  ok: 0,
  rejected: 1,
  usage: 2,
  network: 3,
  /** Also a failure the code did not foresee: the stderr kind `internal` distinguishes it. */
  unknownOutcome: 4,
} as const;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads standard input to its end (for --secret-stdin). */
  readStdin(): Promise<string>;
  /** Resolves when the process is asked to stop (SIGINT or SIGTERM). */
  waitForStop(): Promise<void>;
}

const RULE_MESSAGES: Record<InputRule, MessageKey> = {
  required: 'ruleRequired',
  'too-long': 'ruleTooLong',
  phone: 'rulePhone',
  integer: 'ruleInteger',
  'too-small': 'ruleTooSmall',
  'too-large': 'ruleTooLarge',
  'non-zero': 'ruleNonZero',
  date: 'ruleDate',
  'date-order': 'ruleDateOrder',
  choice: 'ruleChoice',
  'one-of': 'ruleOneOf',
  conflict: 'ruleConflict',
  format: 'ruleFormat',
};

interface Report {
  kind: string;
  message: string;
  exitCode: number;
}

/**
 * Formats a client input error, naming the option or environment variable the user set where there
 * is one. `settingLabels` names the source of each connection setting, such as VIPAX_URL.
 */
function describeInvalidInput(error: VipaxError, locale: Locale, command: Command | null, settingLabels: Record<string, string>): string {
  const rule = error.details.rule;
  if (rule === undefined) return error.message;

  const field = error.details.field ?? '';
  const fromFile = command === 'order' || command === 'return';
  const label = fromFile ? field : (settingLabels[field] ?? OPTION_OF_FIELD[field] ?? field);
  if (field === 'url' && rule === 'format') return formatMessage(locale, 'urlInvalid', { field: label, detail: error.message });
  // An amount limit is in fen inside the client but in yuan on the command line.
  const limit = field === 'priceFen' && typeof error.details.limit === 'number' ? error.details.limit / 100 : (error.details.limit ?? '');
  return formatMessage(locale, RULE_MESSAGES[rule], { field: label, limit, detail: error.message });
}

/** Builds the stderr line and exit status of a failure; `settingLabels` as in describeInvalidInput. */
export function reportOf(error: unknown, locale: Locale, command: Command | null, settingLabels: Record<string, string> = {}): Report {
  const isWrite = command !== null && WRITE_COMMANDS.has(command);
  if (error instanceof CliError) {
    const exitCode = error.kind === 'not-found' ? EXIT.rejected : EXIT.usage;
    return { kind: error.kind, message: formatMessage(locale, error.key, error.params), exitCode };
  }

  if (isVipaxError(error)) {
    switch (error.kind) {
      case 'invalid-input':
        return { kind: error.kind, message: describeInvalidInput(error, locale, command, settingLabels), exitCode: EXIT.usage };
      case 'rejected':
        return { kind: error.kind, message: formatMessage(locale, 'rejected', { detail: error.message }), exitCode: EXIT.rejected };
      case 'network':
        return { kind: error.kind, message: formatMessage(locale, 'network', { detail: error.message }), exitCode: EXIT.network };
      case 'unknown-outcome': {
        const { timeoutMs } = error.details;
        if (timeoutMs !== undefined) {
          const key = isWrite ? 'timedOutWrite' : 'timedOutRead';
          return { kind: error.kind, message: formatMessage(locale, key, { seconds: timeoutMs / 1000 }), exitCode: EXIT.unknownOutcome };
        }
        const key = isWrite ? 'unknownOutcomeWrite' : 'unknownOutcomeRead';
        return { kind: error.kind, message: formatMessage(locale, key, { detail: error.message }), exitCode: EXIT.unknownOutcome };
      }
    }
  }

  // A failure the command did not foresee may have struck after a write was sent. The exit codes
  // are a fixed contract (0 to 4), so it gets the status of an unknown outcome in every command,
  // and the stderr kind `internal` distinguishes it.
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: formatMessage(locale, 'internal', { detail }), exitCode: EXIT.unknownOutcome };
}

/**
 * Turns a failure to listen or to use the data file into a CliError naming the port or the file,
 * and returns any other error unchanged.
 */
function trainingServerStartError(error: unknown, port: number, dataFile: string | undefined): unknown {
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (syscall === 'listen' && (code === 'EADDRINUSE' || code === 'EACCES')) return new CliError('invalid-input', 'portInUse', { port });
  if (dataFile !== undefined && typeof code === 'string' && (error as NodeJS.ErrnoException).path !== undefined) {
    return new CliError('invalid-input', 'dataFileUnusable', { file: dataFile, code });
  }
  return error;
}

async function runTrainingServer(values: { port?: string; data?: string }, io: CliIo): Promise<number> {
  const port = parsePort(values.port);
  let server;
  try {
    server = await startTrainingServer({
      port,
      ...(values.data === undefined ? {} : { dataFile: values.data }),
      logger: {
        info: (message) => io.stderr(message),
        warn: (message) => io.stderr(message),
        error: (message, error) => io.stderr(`${message}${error instanceof Error ? `: ${error.message}` : ''}`),
      },
    });
  } catch (error) {
    throw trainingServerStartError(error, port, values.data);
  }
  io.stdout(JSON.stringify({ url: server.url, appid: server.appid, secret: server.secret, storeCode: server.storeCode }));

  await io.waitForStop();
  await server.close();
  return EXIT.ok;
}

/** Runs one command line and returns the exit status. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const locale = detectLocale(env);
  let command: Command | null = null;
  let settingLabels: Record<string, string> = {};

  try {
    const parsed = parseArguments(argv);
    command = parsed.command;
    if (parsed.values.help) {
      io.stdout(helpText(locale).trimEnd());
      return EXIT.ok;
    }
    if (command === null) throw new CliError('usage', 'missingCommand');
    if (command === 'training-server') return await runTrainingServer(parsed.values, io);

    settingLabels = connectionSettingLabels(parsed.values);
    const connection = await resolveConnection(parsed.values, env, () => io.readStdin());
    const client = createVipaxClient(connection);
    try {
      const result = await runServerCommand(command, client, parsed.values);
      io.stdout(JSON.stringify(result, null, 2));
      return EXIT.ok;
    } finally {
      client.close();
    }
  } catch (error) {
    const report = reportOf(error, locale, command, settingLabels);
    // One line, whatever the server's message contained.
    io.stderr(`${report.kind}: ${report.message.replace(/\s*\r?\n\s*/g, ' ')}`);
    return report.exitCode;
  }
}
