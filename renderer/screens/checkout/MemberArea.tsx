import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MAX_LOOKUP_TEXT_LENGTH } from '../../../common/contract';
import { errorText } from '../../lib/error-text';
import { useMemberStore, type MemberLookup } from '../../stores/member';
import { MemberChooser } from './MemberChooser';
import { MemberPanel } from './MemberPanel';

/** Shows the member column for the current stage of the lookup. */
export function MemberArea() {
  const { t } = useTranslation();
  const lookup = useMemberStore((state) => state.lookup);

  switch (lookup.phase) {
    case 'idle':
      return (
        <p className="message message-hint" data-testid="member-empty">
          {t('member.empty')}
        </p>
      );
    case 'searching':
      return (
        <p className="message message-progress" role="status" data-testid="member-searching">
          {t('member.search.searching')}
        </p>
      );
    case 'choosing':
      return <MemberChooser members={lookup.members} highlighted={lookup.highlighted} />;
    case 'found':
      return <MemberPanel member={lookup.member} />;
    case 'failed':
      return (
        <p className="message message-error" role="alert" data-testid="member-message" data-error-code={lookup.error.code}>
          {lookupFailureText(t, lookup)}
        </p>
      );
  }
}

/** Returns the text shown when a member lookup fails. */
export function lookupFailureText(t: TFunction, lookup: Extract<MemberLookup, { phase: 'failed' }>): string {
  switch (lookup.error.code) {
    case 'not-found':
      return t(`member.notFound.${lookup.kind}`, { query: lookup.query });
    case 'rejected':
      return t('member.lookupRejected', { message: lookup.error.message });
    case 'network':
    case 'offline':
      return t('member.lookupOffline');
    case 'unknown-outcome':
      return t('member.lookupUnknown');
    case 'invalid-input':
      if (lookup.query.length > MAX_LOOKUP_TEXT_LENGTH) return t('member.lookupTooLong', { max: MAX_LOOKUP_TEXT_LENGTH });
      return t('member.lookupInvalid');
    default:
      return errorText(t, lookup.error);
  }
}
