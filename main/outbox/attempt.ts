import { type AttemptFinish, type Journal, type OutboxEntry, type RecordedError, toRecordedError } from '../journal';
import type { Logger } from '../logging';
import { isVipaxError } from '../vipax/errors';
import type { LogEntry, VipaxClient } from '../vipax/types';
import type { OutboxHooks, OutboxStep } from './hooks';
import { lookUpRefund } from './look-up';
import { backoffDelay, type RetryPolicy } from './retry-policy';

// One turn of one entry: a look-up when the last send's outcome is unknown (refunds only), then
// a send when needed. Every result goes to the journal before anything else happens.

/** The result of one turn for the scheduler. `offline` pauses every send for a while. */
export type TurnSignal = 'done' | 'offline' | 'deferred';

export interface TurnContext {
  journal: Journal;
  client: VipaxClient;
  hooks: OutboxHooks | undefined;
  policy: RetryPolicy;
  /** The client's total timeout for one request; see OutboxOptions.requestTimeoutMs. */
  requestTimeoutMs: number;
  random: () => number;
  now: () => number;
  logger: Logger;
  /** Called after every change of the entry's state in the journal. */
  onSettled(entry: OutboxEntry, action: 'send' | 'look-up'): void;
}

const REVIEW_DUPLICATE =
  'The server says this number was already used. Check in VIPax whether it was applied, then confirm it as sent or cancel it.';
const REVIEW_NO_PHONE =
  'The refund may have reached the server, and it cannot be looked up because the member has no phone number. Check in VIPax, then confirm it as sent or cancel it.';
const REVIEW_FOUND_TWICE = 'The transaction log shows this refund more than once. Check the balance in VIPax.';

export async function takeTurn(context: TurnContext, entry: OutboxEntry): Promise<TurnSignal> {
  if (entry.kind === 'refund' && entry.outcomeUnknown) {
    const checked = await lookUp(context, entry);
    if (checked.signal !== 'absent') return checked.signal;
    entry = checked.entry;
  }
  return send(context, entry);
}

type LookUpTurn = { signal: 'absent'; entry: OutboxEntry } | { signal: TurnSignal };

async function lookUp(context: TurnContext, entry: OutboxEntry): Promise<LookUpTurn> {
  const { journal, logger } = context;
  const horizonMs = lookUpHorizon(context);
  const settleAt = lastSendStart(journal, entry) + horizonMs;
  if (context.now() < settleAt) {
    // Clamped, so a clock set back does not push the look-up beyond one horizon from now.
    journal.deferEntry(entry.id, Math.min(settleAt, context.now() + horizonMs));
    return { signal: 'deferred' };
  }

  const attemptId = journal.startAttempt(entry.id, 'look-up');
  const phone = entry.member.phone;
  if (!phone) {
    const reviewed = journal.finishAttempt(attemptId, {
      state: 'needs-review',
      outcome: 'internal',
      error: { kind: 'unknown-outcome', message: 'The member has no phone number to look the refund up by' },
      note: REVIEW_NO_PHONE,
    });
    logger.warn('refund needs review: outcome unknown and no phone to look it up', { orderNo: entry.orderNo });
    context.onSettled(reviewed, 'look-up');
    return { signal: 'done' };
  }

  let finish: AttemptFinish;
  let signal: LookUpTurn['signal'];
  try {
    const result = await lookUpRefund(context.client, {
      phone,
      orderNo: entry.orderNo,
      since: new Date(entry.createdAt),
      now: new Date(context.now()),
    });
    if (result.status === 'found') {
      finish = foundFinish(result.entries);
      signal = 'done';
    } else if (result.status === 'absent') {
      finish = { state: 'pending', outcome: 'absent-from-log', nextAttemptAt: context.now(), outcomeUnknown: false };
      signal = 'absent';
    } else {
      finish = retryLater(context, entry, 'unknown-outcome', { kind: 'unknown-outcome', message: `Look-up undecided: ${result.reason}` });
      signal = 'done';
    }
  } catch (error) {
    const recorded = toRecordedError(error);
    const kind = isVipaxError(error) ? error.kind : 'internal';
    if (kind === 'network' || kind === 'unknown-outcome') {
      finish = retryLater(context, entry, kind, recorded);
      signal = 'offline';
    } else {
      finish = { state: 'needs-attention', outcome: kind === 'rejected' ? 'rejected' : 'internal', error: recorded };
      signal = 'done';
    }
  }

  const updated = journal.finishAttempt(attemptId, finish);
  logger.info(`refund look-up: ${finish.outcome}`, { orderNo: entry.orderNo, state: updated.state });
  context.onSettled(updated, 'look-up');
  return signal === 'absent' ? { signal, entry: updated } : { signal };
}

function foundFinish(entries: LogEntry[]): AttemptFinish {
  const [first] = entries;
  if (entries.length > 1 || !first) {
    return {
      state: 'needs-review',
      outcome: 'found-in-log',
      error: { kind: 'rejected', message: `Found ${entries.length} log entries with this order number` },
      note: REVIEW_FOUND_TWICE,
      outcomeUnknown: false,
    };
  }
  // NOTE: the training server logs a refund's change as negative (money given back), the same
  // sign as paidConsumeByPro's actualPayment. The manual does not say which sign VIPax uses.
  return {
    state: 'sent',
    outcome: 'found-in-log',
    result: first,
    figures: { discountRatePercent: null, discountFen: null, actualPaymentFen: first.changeFen },
    message: `serialId ${first.serialId}`,
  };
}

async function send(context: TurnContext, entry: OutboxEntry): Promise<TurnSignal> {
  const { journal, logger } = context;
  const attemptId = journal.startAttempt(entry.id, 'send');

  const call = callServer(context.client, entry);
  // The rejection is read below, after the hook; this keeps Node from reporting it as unhandled.
  call.catch(() => undefined);
  await step(context, 'after-send', entry);

  let answer: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    answer = { ok: true, value: await call };
  } catch (error) {
    answer = { ok: false, error };
  }
  await step(context, 'after-answer', entry);

  const { finish, signal } = answer.ok ? sentFinish(entry, answer.value) : failedFinish(context, entry, answer.error);
  const updated = journal.finishAttempt(attemptId, finish);
  const fields = { orderNo: entry.orderNo, kind: entry.kind, state: updated.state, attempts: updated.attemptCount };
  if (finish.state === 'sent') {
    logger.info(`${entry.kind} sent`, fields);
  } else {
    logger.warn(`${entry.kind} not sent: ${finish.outcome}`, { ...fields, error: updated.lastError?.message });
  }
  context.onSettled(updated, 'send');
  return signal;
}

function callServer(client: VipaxClient, entry: OutboxEntry): Promise<unknown> {
  switch (entry.payload.kind) {
    case 'refund':
      return client.paidConsumeByPro(entry.payload.request);
    case 'return':
      return client.uploadReturn(entry.payload.request);
    case 'order-upload':
      return client.uploadOrder(entry.payload.request);
  }
}

function sentFinish(entry: OutboxEntry, value: unknown): { finish: AttemptFinish; signal: TurnSignal } {
  if (entry.kind === 'refund') {
    const result = value as { discountRatePercent: number | null; discountFen: number; actualPaymentFen: number };
    return {
      finish: {
        state: 'sent',
        outcome: 'applied',
        result: value,
        figures: {
          discountRatePercent: result.discountRatePercent,
          discountFen: result.discountFen,
          actualPaymentFen: result.actualPaymentFen,
        },
      },
      signal: 'done',
    };
  }
  return { finish: { state: 'sent', outcome: 'applied', result: value }, signal: 'done' };
}

function failedFinish(context: TurnContext, entry: OutboxEntry, error: unknown): { finish: AttemptFinish; signal: TurnSignal } {
  const recorded = toRecordedError(error);
  if (!isVipaxError(error)) {
    // Not one of the client's four kinds: the request may have left, so treat it as unknown.
    context.logger.error('outbox: unexpected error from the client', { orderNo: entry.orderNo, error: recorded.message });
    return { finish: { state: 'needs-attention', outcome: 'internal', error: recorded, outcomeUnknown: true }, signal: 'done' };
  }

  switch (error.kind) {
    case 'network':
      // Certainly not delivered, so the flag stays as it was.
      return { finish: retryLater(context, entry, 'network', recorded), signal: 'offline' };
    case 'unknown-outcome': {
      const finish = retryLater(context, entry, 'unknown-outcome', recorded, true);
      return { finish, signal: 'offline' };
    }
    case 'rejected':
      if (error.details.duplicate) {
        return { finish: { state: 'needs-review', outcome: 'duplicate', error: recorded, note: REVIEW_DUPLICATE }, signal: 'done' };
      }
      return { finish: { state: 'needs-attention', outcome: 'rejected', error: recorded }, signal: 'done' };
    case 'invalid-input':
      return { finish: { state: 'needs-attention', outcome: 'invalid-input', error: recorded }, signal: 'done' };
  }
}

/**
 * Keeps the entry pending and due after a backoff. After an unknown outcome the entry is not due
 * before the look-up horizon, measured from now, which is no earlier than the send's start.
 */
function retryLater(
  context: TurnContext,
  entry: OutboxEntry,
  outcome: 'network' | 'unknown-outcome',
  error: RecordedError,
  outcomeUnknown?: boolean,
): AttemptFinish {
  const failures = consecutiveFailures(context.journal, entry.id) + 1;
  let delay = backoffDelay(failures, context.policy, context.random);
  if (outcomeUnknown) delay = Math.max(delay, lookUpHorizon(context));
  return { state: 'pending', outcome, error, nextAttemptAt: context.now() + delay, outcomeUnknown };
}

const failureOutcomes = new Set(['network', 'unknown-outcome', 'interrupted', 'internal']);

function consecutiveFailures(journal: Journal, entryId: number): number {
  const attempts = journal.listAttempts(entryId);
  let failures = 0;
  for (let index = attempts.length - 1; index >= 0; index--) {
    const outcome = attempts[index]?.outcome;
    if (outcome === null || outcome === undefined) continue;
    if (!failureOutcomes.has(outcome)) break;
    failures += 1;
  }
  return failures;
}

/**
 * Returns how long after a send's start a look-up may conclude that the request is absent: the
 * server may apply it until the client gives up, and a gateway may answer sooner than that.
 */
function lookUpHorizon(context: TurnContext): number {
  return context.requestTimeoutMs + context.policy.lookUpDelayMs;
}

function lastSendStart(journal: Journal, entry: OutboxEntry): number {
  const sends = journal.listAttempts(entry.id).filter((attempt) => attempt.action === 'send');
  const last = sends.at(-1);
  return last ? Date.parse(last.startedAt) : Date.parse(entry.createdAt);
}

async function step(context: TurnContext, name: OutboxStep, entry: OutboxEntry): Promise<void> {
  await context.hooks?.at(name, { kind: entry.kind, orderNo: entry.orderNo, entryId: entry.id });
}
