import type { IpcMainInvokeEvent } from 'electron';
import { isAppPageUrl, trustedPageOf } from './trusted-pages';

// The IPC sender check: every handler runs only for calls from the main frame of a window the app
// created and guarded, while that frame shows the app's own page. A call from an iframe, from a
// page the window was somehow navigated to, or from a frame that is already gone is refused.

/** The parts of an IPC event the check reads. */
export type IpcSenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function isTrustedSender(event: IpcSenderEvent): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return false;

  const contents = event.sender;
  const page = trustedPageOf(contents);
  if (page === undefined || contents.isDestroyed()) return false;
  if (!isMainFrame(frame, contents.mainFrame)) return false;

  return isAppPageUrl(frame.url, page);
}

type Frame = NonNullable<IpcMainInvokeEvent['senderFrame']>;

function isMainFrame(frame: Frame, mainFrame: Frame): boolean {
  if (frame === mainFrame) return true;
  // Two wrappers of one frame compare equal by process and routing id; the main frame has no parent.
  return (frame.parent ?? null) === null && frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId;
}
