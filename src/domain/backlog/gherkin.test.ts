import { describe, expect, it } from 'vitest';
import { toFeature } from './gherkin.ts';

describe('toFeature', () => {
  it('writes one scenario per acceptance criterion, continuing extra lines with And', () => {
    const f = toFeature({
      key: 'NS-7',
      title: 'No duplicate emails',
      problem: 'Members get the same email twice.',
      acceptanceCriteria: [
        { given: 'a subscriber\nwith two devices', when: 'a notice is sent', then: 'one email arrives' },
      ],
    });
    expect(f).toBe(
      [
        '@NS-7',
        'Feature: No duplicate emails',
        '  Members get the same email twice.',
        '',
        '  Scenario: NS-7 scenario 1',
        '    Given a subscriber',
        '    And with two devices',
        '    When a notice is sent',
        '    Then one email arrives',
        '',
      ].join('\n'),
    );
  });
});
