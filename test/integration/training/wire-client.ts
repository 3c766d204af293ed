import { formatTimestamp, signatureFor, type TrainingServer } from '../../../main/training';

// A raw VIPax caller for training server tests: it builds the signed form by hand with fetch,
// so these tests check the wire format itself and do not depend on the till's client.

export interface RawCallOptions {
  /** Overrides of envelope fields, e.g. a wrong sign or an old ts. */
  envelope?: Record<string, string>;
  /** Sends the fields in the query string of a GET instead of a POST body. */
  get?: boolean;
  /** The instant whose Asia/Shanghai wall clock becomes `ts`; default now. */
  at?: Date;
}

export interface RawReply {
  status: number;
  text: string;
  json: Record<string, unknown>;
}

export function envelopeFor(server: TrainingServer, model: string, method: string, msg: unknown, options: RawCallOptions = {}): URLSearchParams {
  const ts = formatTimestamp(options.at ?? new Date(), 'Asia/Shanghai');
  const v = '2.0';
  const fields: Record<string, string> = {
    appid: server.appid,
    ts,
    v,
    sign: signatureFor(server.appid, server.secret, ts, v),
    model,
    method,
    msg: typeof msg === 'string' ? msg : JSON.stringify(msg),
    ...options.envelope,
  };
  return new URLSearchParams(fields);
}

/** Sends one signed call and parses the JSON response. */
export async function callRaw(server: TrainingServer, model: string, method: string, msg: unknown, options: RawCallOptions = {}): Promise<RawReply> {
  const form = envelopeFor(server, model, method, msg, options);
  const response = options.get
    ? await fetch(`${server.url}?${form.toString()}`)
    : await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body: form.toString(),
      });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as Record<string, unknown> };
}
