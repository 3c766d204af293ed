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
  const fields: Array<[string, string]> = [
    ['appid', input.appid],
    ['ts', ts],
    ['v', API_VERSION],
    ['sign', computeSignature(input.appid, input.secret, ts, API_VERSION)],
    ['model', input.model],
    ['method', input.method],
    ['msg', JSON.stringify(input.msg)],
  ];
  // encodeURIComponent encodes UTF-8 and leaves only unreserved characters, which every form
  // decoder reads back unchanged. It is several times faster than URLSearchParams here.
  return fields.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
}
