/** Acceptance criteria as Gherkin (cucumber.io/docs/gherkin): one Feature per item, one Scenario each. */
export interface Scenario {
  given: string;
  when: string;
  then: string;
}

export interface FeatureItem {
  key: string;
  title: string;
  problem: string;
  acceptanceCriteria: readonly Scenario[];
}

/** Multi-line steps continue with `And`, so every line stays valid Gherkin. */
function steps(keyword: string, text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return [];
  return lines.map((l, i) => `    ${i === 0 ? keyword : 'And'} ${l}`);
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function toFeature(item: FeatureItem): string {
  const out = [`@${item.key}`, `Feature: ${oneLine(item.title)}`];
  const problem = item.problem
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (problem.length) out.push(...problem.map((l) => `  ${l}`));
  item.acceptanceCriteria.forEach((s, i) => {
    out.push('', `  Scenario: ${item.key} scenario ${i + 1}`);
    out.push(...steps('Given', s.given), ...steps('When', s.when), ...steps('Then', s.then));
  });
  return `${out.join('\n')}\n`;
}

export function featureFileName(key: string): string {
  return `${key.toLowerCase()}.feature`;
}
