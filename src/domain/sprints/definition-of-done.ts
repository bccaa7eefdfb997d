import { AppError } from '#domain/errors.ts';

/** A sensible starting checklist; each product edits its own. */
export const DEFAULT_DEFINITION_OF_DONE = [
  'Acceptance criteria met',
  'Code reviewed',
  'Automated tests pass',
  'Deployed to staging',
] as const;

/**
 * Moving an item to done asks the team to tick every entry of the product's Definition of Done;
 * an entry not ticked refuses the move and names what is missing (seed 003: "hide the undone work").
 */
export function checkDefinitionOfDone(checklist: readonly string[], ticked: readonly string[]): void {
  const missing = checklist.filter((entry) => !ticked.includes(entry));
  if (missing.length > 0) {
    throw new AppError(
      'validation_failed',
      `Not done yet by the Definition of Done: ${missing.join('; ')}.`,
      { checked: `Tick every entry: ${missing.join('; ')}` },
      { missing },
    );
  }
}
