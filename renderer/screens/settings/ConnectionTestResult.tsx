import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult } from '../../../common/contract';
import { useSettingsScreenStore } from './store';

// One line each for reachability, signature and clock, so the manager can tell which one failed.

/** Shows the result of the last "Test connection", or nothing before the first test. */
export function ConnectionTestResultView() {
  const { t } = useTranslation();
  const outcome = useSettingsScreenStore((state) => state.testOutcome);
  const section = useRef<HTMLElement>(null);

  // The result appears below the form and is scrolled into view, so no manual scrolling is needed.
  // A block body, because Chromium (156 here) returns a promise from scrollIntoView and React would
  // take a returned value for the effect's cleanup function.
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest' });
  }, [outcome]);

  if (outcome?.kind !== 'result') return null;
  const result = outcome.result;

  return (
    <section
      ref={section}
      className="settings-section connection-test"
      aria-labelledby="connection-test-title"
      aria-live="polite"
      data-testid="test-result"
    >
      <h2 id="connection-test-title">{t('settings.test.title')}</h2>
      <ul className="test-lines">
        <li className={lineClass(result.reachability === 'ok', result.reachability !== 'ok')} data-testid="test-reachability" data-result={result.reachability}>
          {reachabilityText(t, result)}
        </li>
        <li className={lineClass(result.signature === 'accepted', result.signature === 'rejected')} data-testid="test-signature" data-result={result.signature}>
          {t(`settings.test.signature.${result.signature}`)}
        </li>
        <li className={lineClass(result.clock === 'ok', result.clock === 'off')} data-testid="test-clock" data-result={result.clock}>
          {clockText(t, result)}
        </li>
      </ul>
      {result.serverMessage !== null && (
        <p className="hint" data-testid="test-server-message">
          {t('settings.test.serverMessage', { message: result.serverMessage })}
        </p>
      )}
    </section>
  );
}

function lineClass(good: boolean, bad: boolean): string {
  if (good) return 'test-line test-good';
  return bad ? 'test-line test-bad' : 'test-line test-unknown';
}

function reachabilityText(t: TFunction, result: ConnectionTestResult): string {
  if (result.reachability !== 'ok') return t(`settings.test.reachability.${result.reachability}`);
  // A rejected call has no latency of its own: the client reports none for it.
  if (result.latencyMs === null) return t('settings.test.reachability.okWithoutLatency');
  return t('settings.test.reachability.ok', { latency: Math.round(result.latencyMs) });
}

function clockText(t: TFunction, result: ConnectionTestResult): string {
  if (result.clock === 'not-checked') return t('settings.test.clock.not-checked');
  if (result.clockOffsetMs === null) return t(`settings.test.clock.${result.clock}WithoutOffset`);

  const seconds = Math.round(Math.abs(result.clockOffsetMs) / 1000);
  const direction = result.clockOffsetMs > 0 ? 'behind' : 'ahead';
  if (result.clock === 'ok') return t('settings.test.clock.ok', { seconds });
  return t(`settings.test.clock.off.${direction}`, { seconds });
}
