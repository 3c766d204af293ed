import { createHash } from 'node:crypto';
import { parseTimestamp } from './clock';
import { isMsg, RejectedCall, type Msg } from './fields';
import { trainingMessages as text } from './messages';

export interface Credentials {
  appid: string;
  secret: string;
}

export interface Call {
  model: string;
  method: string;
  msg: Msg;
}

/** Computes the signature VIPax expects: md5(appid + secret + ts + v) as 32 lowercase hex digits. */
export function signatureFor(appid: string, secret: string, ts: string, v: string): string {
  return createHash('md5').update(appid + secret + ts + v, 'utf8').digest('hex');
}

/**
 * Checks the envelope of one request and returns its call. The first failed check rejects it:
 * 1. every field is present; 2. appid is known; 3. `ts` is yyyyMMddHHmmss; 4. `v` is "2.0";
 * 5. the signature matches exactly, so uppercase hex is rejected; 6. `ts`, read as wall-clock
 * time in `timeZone`, is at most `windowSeconds` from the server's clock; 7. `msg` is a JSON object.
 */
export function readCall(
  params: URLSearchParams,
  credentials: Credentials,
  clock: { now: Date; timeZone: string; windowSeconds: number },
): Call {
  const field = (name: string): string => {
    const value = params.get(name);
    if (value === null || value === '') throw new RejectedCall(text.missingField(name));
    return value;
  };

  const model = field('model');
  const method = field('method');
  const appid = field('appid');
  const ts = field('ts');
  const v = field('v');
  const sign = field('sign');

  if (appid !== credentials.appid) throw new RejectedCall(text.invalidAppid);
  const sentAt = parseTimestamp(ts, clock.timeZone);
  if (sentAt === null) throw new RejectedCall(text.invalidTimestamp);
  if (v !== '2.0') throw new RejectedCall(text.invalidVersion);
  if (sign !== signatureFor(appid, credentials.secret, ts, v)) throw new RejectedCall(text.invalidSign);
  if (Math.abs(sentAt.getTime() - clock.now.getTime()) > clock.windowSeconds * 1000) {
    throw new RejectedCall(text.timestampOutOfWindow);
  }

  const msgText = params.get('msg') ?? '{}';
  let msg: unknown;
  try {
    msg = JSON.parse(msgText === '' ? '{}' : msgText);
  } catch {
    throw new RejectedCall(text.invalidMsg);
  }
  if (!isMsg(msg)) throw new RejectedCall(text.invalidMsg);

  return { model: model.trim(), method: method.trim(), msg };
}
