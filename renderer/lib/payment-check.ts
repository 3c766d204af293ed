import { previewPayment, type ConnectionState, type MemberView, type PaymentPreview } from '../../common/contract';
import { parseYuanInput, type YuanInputError } from '../../common/money';

// The checks a stored-value payment must pass before the cashier may confirm it. They run on every
// keystroke, so the screen can show the first problem while the cashier types.

export type PaymentProblem =
  | { kind: 'no-member' }
  | { kind: 'frozen' }
  | { kind: 'amount'; error: YuanInputError }
  | { kind: 'offline' }
  | { kind: 'checking' }
  | { kind: 'insufficient'; actualPaymentFen: number; balanceFen: number };

export interface PaymentCheck {
  /** The parsed price, or null while the amount is invalid. */
  priceFen: number | null;
  /** The estimate shown before confirming; null when the amount is invalid or the rate unknown. */
  preview: PaymentPreview | null;
  /** The first reason the payment cannot go ahead, or null when it can. */
  problem: PaymentProblem | null;
}

/**
 * Checks a payment of `amountText` yuan by `member` while the server is `connection`.
 * The order of the checks is the order a cashier fixes them in: member, card state, amount,
 * connection, then the balance.
 */
export function checkPayment(
  amountText: string,
  member: MemberView | null,
  connection: ConnectionState,
): PaymentCheck {
  const parsed = parseYuanInput(amountText);
  const priceFen = parsed.ok ? parsed.fen : null;
  const preview = member && priceFen !== null ? previewPayment(member, priceFen) : null;

  return { priceFen, preview, problem: findProblem(parsed, member, connection, preview) };
}

function findProblem(
  parsed: ReturnType<typeof parseYuanInput>,
  member: MemberView | null,
  connection: ConnectionState,
  preview: PaymentPreview | null,
): PaymentProblem | null {
  if (!member) return { kind: 'no-member' };
  if (member.state === 'frozen') return { kind: 'frozen' };
  if (!parsed.ok) return { kind: 'amount', error: parsed.error };
  if (connection === 'offline') return { kind: 'offline' };
  if (connection === 'checking') return { kind: 'checking' };

  // With an unknown rate the till cannot tell whether the balance suffices; the server decides.
  if (preview && !preview.sufficient) {
    return { kind: 'insufficient', actualPaymentFen: preview.actualPaymentFen, balanceFen: member.balanceFen };
  }
  return null;
}
