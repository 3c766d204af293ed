import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, parse } from 'node:path';
import electronLog from 'electron-log/node';
import { formatRecordLine, type LogBackend, type LogLevel } from './logger';

// The rotating log file, written by electron-log's file transport. electron-log/node needs no
// Electron, so the same backend runs in the app's main process and in tests.

export interface FileLogBackendOptions {
  /** Folder of the log files, e.g. `<userData>/logs`. Created when missing. */
  directory: string;
  /** Default "till.log". */
  fileName?: string;
  /** Size at which the file is rotated, in bytes. Default 1 MiB. */
  maxBytes?: number;
  /** Rotated files kept beside the current one (till.1.log is the newest). Default 5. */
  keepFiles?: number;
  /** Lines below this level are dropped. Default "info". */
  minLevel?: LogLevel;
}

export interface FileLogBackend extends LogBackend {
  /** Path of the file being written. */
  readonly filePath: string;
  /** Paths of the current file and every rotated file that exists, newest first. */
  listFiles(): string[];
}

let instanceCount = 0;

/** Creates a backend that writes one line per record to a size-capped, rotating file. */
export function createFileLogBackend(options: FileLogBackendOptions): FileLogBackend {
  const fileName = options.fileName ?? 'till.log';
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keepFiles = options.keepFiles ?? 5;
  const filePath = join(options.directory, fileName);
  mkdirSync(options.directory, { recursive: true, mode: 0o700 });

  const { name, ext } = parse(fileName);
  const archivePath = (index: number): string => join(options.directory, `${name}.${index}${ext}`);

  // Each backend gets its own electron-log instance, so tests can run several side by side.
  instanceCount += 1;
  const log = electronLog.create({ logId: `vipax-till-${instanceCount}` });
  log.transports.console.level = false;
  const file = log.transports.file;
  file.level = options.minLevel ?? 'info';
  file.maxSize = maxBytes;
  file.format = '{text}';
  // Log lines name members and orders, so only the till's own user may read them.
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  file.resolvePathFn = () => filePath;
  file.archiveLogFn = (current) => {
    rmSync(archivePath(keepFiles), { force: true });
    for (let index = keepFiles - 1; index >= 1; index -= 1) {
      if (existsSync(archivePath(index))) renameSync(archivePath(index), archivePath(index + 1));
    }
    renameSync(current.path, archivePath(1));
  };

  return {
    filePath,
    write(record) {
      log[record.level](formatRecordLine(record));
    },
    listFiles() {
      const paths = [filePath];
      for (let index = 1; index <= keepFiles; index += 1) paths.push(archivePath(index));
      return paths.filter((path) => existsSync(path));
    },
  };
}
