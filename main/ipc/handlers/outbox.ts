import type { Outbox } from '../../outbox';
import { toEntryView, toStatusView } from '../../services/outbox';
import { TillError } from '../errors';
import type { HandlerModule } from '../router';

export function createOutboxHandlers(services: { outbox: Outbox }): HandlerModule {
  const { outbox } = services;

  return {
    'outbox:status': () => toStatusView(outbox.status()),
    'outbox:list': (request) => ({
      entries: outbox
        .list({ kind: request?.kind, states: request?.states, orderNo: request?.orderNo, limit: request?.limit })
        .map(toEntryView),
    }),
    'outbox:detail': (request) => {
      const entry = outbox.get(request.entryId);
      if (entry === null) throw new TillError('not-found', `No outbox entry ${request.entryId}`, 'entryId');
      return {
        entry: toEntryView(entry),
        attempts: outbox.attempts(entry.id),
        history: outbox.history(entry.id),
      };
    },
    'outbox:retry': (request) => ({ entry: toEntryView(outbox.retry(request.entryId, request.note ?? null)) }),
    'outbox:cancel': (request) => ({ entry: toEntryView(outbox.cancel(request.entryId, request.reason)) }),
    'outbox:confirm-sent': (request) => ({ entry: toEntryView(outbox.confirmSent(request.entryId, request.note)) }),
  };
}
