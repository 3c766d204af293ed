// Labels for a member's stored-value discount rate. A rate is the percentage the member pays:
// 80 means the member pays 80%, which Chinese stores write as 8折 and English as 20% off.

export type DiscountLabel =
  | { kind: 'none' }
  | {
      kind: 'discount';
      /** The 折 figure: "8" for 80, "9.5" for 95, "8.75" for 87.5. */
      zhe: string;
      /** The share taken off in percent: "20" for 80, "5" for 95. */
      percentOff: string;
    };

/** Returns the label for a rate; rates of 100 or more (and negative ones) show as no discount. */
export function describeDiscount(ratePercent: number): DiscountLabel {
  if (!Number.isFinite(ratePercent) || ratePercent >= 100 || ratePercent < 0) return { kind: 'none' };

  return {
    kind: 'discount',
    zhe: formatPlain(ratePercent / 10),
    percentOff: formatPlain(100 - ratePercent),
  };
}

/** Writes a number with at most 4 decimals and no trailing zeros: 9.5 → "9.5", 8 → "8". */
function formatPlain(value: number): string {
  return String(Number(value.toFixed(4)));
}

