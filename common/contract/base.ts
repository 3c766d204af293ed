import { z } from 'zod';

// Every IPC reply is a value: either the result or an error with a stable code. Nothing throws
// across IPC, and the renderer picks the words it shows from the code, never from `message`.

/** Stable error codes that may cross IPC. The renderer has a locale string for each. */
export const ipcErrorCodes = [
  // The VIPax client's four failure kinds.
  'invalid-input',
  'network',
  'unknown-outcome',
  'rejected',
  // Decisions the till makes before or instead of calling the server.
  'not-found',
  'frozen',
  'insufficient-balance',
  'over-refund',
  /** The record exists already, e.g. a second upload of the same sale's order number. */
  'already-exists',
  'offline',
  'not-configured',
  'busy',
  'forbidden',
  'encryption-unavailable',
  'internal',
] as const;

export const ipcErrorCodeSchema = z.enum(ipcErrorCodes);
export type IpcErrorCode = z.infer<typeof ipcErrorCodeSchema>;

export const ipcErrorSchema = z.object({
  code: ipcErrorCodeSchema,
  /** English text for logs and developers; for `rejected`, the server's own message verbatim. */
  message: z.string(),
  /** The field that failed validation, for `invalid-input`. */
  field: z.string().optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export interface ChannelDefinition<Request extends z.ZodType, Reply extends z.ZodType> {
  request: Request;
  reply: Reply;
}

/** Declares one request/reply channel; the types of both sides come from the schemas. */
export function defineChannel<Request extends z.ZodType, Reply extends z.ZodType>(
  request: Request,
  reply: Reply,
): ChannelDefinition<Request, Reply> {
  return { request, reply };
}

export type RequestOf<C> = C extends ChannelDefinition<infer Request, z.ZodType> ? z.input<Request> : never;
export type ReplyOf<C> = C extends ChannelDefinition<z.ZodType, infer Reply> ? z.output<Reply> : never;
