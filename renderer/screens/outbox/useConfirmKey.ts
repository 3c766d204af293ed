import { useEffect, useRef } from 'react';

/**
 * Calls `onConfirm` when Enter is pressed while `enabled`, as the confirmation steps of the refund
 * and return screens do. The Enter that opened the confirmation may still be travelling up to
 * window, so only keys pressed after the hook was enabled count, and a held-down Enter that
 * repeats is ignored. The default action is prevented so a focused button is not pressed as well.
 */
export function useConfirmKey(onConfirm: () => void, enabled: boolean): void {
  const onConfirmRef = useRef(onConfirm);
  onConfirmRef.current = onConfirm;

  useEffect(() => {
    if (!enabled) return;

    const enabledAt = performance.now();
    const handleKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Enter' || event.timeStamp <= enabledAt) return;
      event.preventDefault();
      if (!event.repeat) onConfirmRef.current();
    };
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, [enabled]);
}

/** Calls `onEscape` when Esc is pressed while `enabled`. The shell's help overlay takes Esc first. */
export function useEscapeKey(onEscape: () => void, enabled = true): void {
  const onEscapeRef = useRef(onEscape);
  onEscapeRef.current = onEscape;

  useEffect(() => {
    if (!enabled) return;

    const handleKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onEscapeRef.current();
    };
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, [enabled]);
}
