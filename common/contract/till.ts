import { z } from 'zod';
import { defineChannel } from './base';

// The till as a whole: its mode (training or live), its store and till ids, and whether the
// VIPax server is reachable right now. Main pushes every change as `till:status-changed`.

/** Requests that carry no fields. The renderer may omit them. */
export const emptyRequestSchema = z.strictObject({}).optional();

export const tillModeSchema = z.enum(['training', 'live']);
export type TillMode = z.infer<typeof tillModeSchema>;

/** `checking` lasts from start until the first ping has finished. */
export const connectionStateSchema = z.enum(['checking', 'online', 'offline']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const tillStatusSchema = z.object({
  mode: tillModeSchema,
  connection: connectionStateSchema,
  /** ISO 8601 time of the last finished ping, or null before the first one. */
  checkedAt: z.string().nullable(),
  /** Round trip of the last successful ping, in milliseconds. */
  latencyMs: z.number().nonnegative().nullable(),
  /** Server clock minus till clock, in milliseconds, when the server sends a Date header. */
  clockOffsetMs: z.number().nullable(),
  storeCode: z.string(),
  tillId: z.string(),
  appVersion: z.string(),
});
export type TillStatus = z.infer<typeof tillStatusSchema>;

export const tillChannels = {
  'till:status': defineChannel(emptyRequestSchema, tillStatusSchema),
};

export const tillEvents = {
  'till:status-changed': tillStatusSchema,
};
