import type { DecisionStatus } from '#domain/decisions/decision.ts';

export const STATUS_CHIP: Record<DecisionStatus, { label: string; className: string }> = {
  proposed: { label: 'Proposed', className: 'badge' },
  accepted: { label: 'Accepted', className: 'badge badge-accent' },
  superseded: { label: 'Superseded', className: 'badge badge-muted' },
};

export const RULE_KIND_LABELS = {
  stays_in_sprint: 'An item stays in a sprint',
  no_workaround: 'Fix at the root cause: no workaround',
  done_before: 'Order of work: one item before another',
  no_scope_change: "A sprint's scope does not change",
} as const;
