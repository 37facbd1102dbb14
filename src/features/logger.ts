import * as vscode from 'vscode';
import { format } from 'node:util';
import { redact } from '../core/redact';

/** The only way the extension writes logs: every message and argument goes through redact(). */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
  show(): void;
}

function describe(arg: unknown): string {
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg);
  } catch {
    return format('%o', arg);
  }
}

/** Formats message and args into one redacted line. */
function formatLogLine(message: string, args: unknown[]): string {
  return redact([message, ...args.map(describe)].join(' '));
}

export function createLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (m, ...a) => channel.trace(formatLogLine(m, a)),
    debug: (m, ...a) => channel.debug(formatLogLine(m, a)),
    info: (m, ...a) => channel.info(formatLogLine(m, a)),
    warn: (m, ...a) => channel.warn(formatLogLine(m, a)),
    error: (m, ...a) => channel.error(formatLogLine(m, a)),
    show: () => channel.show(true),
  };
}
