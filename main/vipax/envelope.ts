import { API_VERSION, computeSignature } from './sign';
import { formatRequestTimestamp } from './timestamp';

export type VipaxModel = 'customer' | 'order' | 'goods';

export interface EnvelopeInput {
  appid: string;
  secret: string;
  model: VipaxModel;
  method: string;
  /** The operation's parameters; sent as one JSON string in the `msg` field. */
  msg: Record<string, unknown>;
  instant: Date;
  timeZone: string;
}

/**
 * Builds the form body of one request: appid, ts, v, sign, model, method and msg, URL-encoded as
 * UTF-8 (application/x-www-form-urlencoded). The secret goes into the signature only.
 */
export function buildRequestBody(input: EnvelopeInput): string {
  const ts = formatRequestTimestamp(input.instant, input.timeZone);
  const form = new URLSearchParams();
  form.set('appid', input.appid);
  form.set('ts', ts);
  form.set('v', API_VERSION);
  form.set('sign', computeSignature(input.appid, input.secret, ts, API_VERSION));
  form.set('model', input.model);
  form.set('method', input.method);
  form.set('msg', JSON.stringify(input.msg));
  return form.toString();
}
