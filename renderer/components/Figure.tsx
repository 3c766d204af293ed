import type { ReactNode } from 'react';

/** One labelled figure of a `<dl className="figures">`; `emphasis` sets it large, as 实付 is. */
export function Figure({ label, emphasis = false, children }: { label: string; emphasis?: boolean; children: ReactNode }) {
  return (
    <div className={emphasis ? 'figure-main' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
