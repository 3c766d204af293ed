import { useEffect, useRef } from 'react';
import { ScanBuffer } from '../lib/scanner';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/**
 * Listens for keyboard-wedge scans on the whole window while `enabled`, whatever has focus, and
 * calls `onScan` with the scanned code. The listener runs in the capture phase, so the Enter that
 * ends a scan never reaches the focused element: a scan into the amount box does not submit it.
 * The characters the scan typed into a text field are taken out again, so the field keeps what
 * the cashier had typed. Thresholds are in lib/scanner.ts.
 */
export function useScanner(onScan: (code: string) => void, enabled: boolean): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    if (!enabled) return;

    const buffer = new ScanBuffer();
    let fieldBeforeBurst: { field: TextField; value: string } | null = null;

    const handleKeyDown = (event: KeyboardEvent): void => {
      // Shortcuts and input-method composition are never part of a scan.
      if (event.isComposing || event.ctrlKey || event.altKey || event.metaKey) {
        buffer.reset();
        return;
      }

      const step = buffer.feed(event.key, event.timeStamp);
      if (step.kind === 'none') {
        // keydown comes before the character is inserted, so this is the field's value before the scan.
        if (step.burstStarted) fieldBeforeBurst = snapshotField(event.target);
        return;
      }

      event.preventDefault();
      event.stopPropagation();
      if (fieldBeforeBurst) restoreField(fieldBeforeBurst.field, fieldBeforeBurst.value);
      fieldBeforeBurst = null;
      onScanRef.current(step.code);
    };

    window.addEventListener('keydown', handleKeyDown, true);
    return () => window.removeEventListener('keydown', handleKeyDown, true);
  }, [enabled]);
}

function snapshotField(target: EventTarget | null): { field: TextField; value: string } | null {
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
    return { field: target, value: target.value };
  }
  return null;
}

/**
 * Sets a field's value the way typing would, so React's onChange runs. React tracks the value it
 * last set, so a plain assignment to `value` would not reach the store.
 */
function restoreField(field: TextField, value: string): void {
  if (field.value === value) return;

  const prototype = field instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const setValue = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  setValue?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}
