import { describe, expect, it } from 'vitest';
import { mapRows, parseCsv, suggestMapping, toCsv } from './csv-mapping.ts';

const jira = `Summary,Issue key,Issue Type,Description,Custom field (Story Points),Priority,Labels,Labels
View all teams sortable by sponsor,LP-1,Story,"Coaches ask, often",5,High,league,ux
Import data spike,LP-2,Spike,,,Medium,data,
,LP-3,Bug,no title,2,Low,,
Broken type,LP-4,Saga,x,abc,Urgent,,`;

describe('CSV import mapping', () => {
  const { rows } = parseCsv(jira);
  const mapping = suggestMapping(rows[0]!);

  it('recognises Jira columns, including repeated Labels', () => {
    expect(Object.values(mapping).sort()).toEqual(
      ['businessValue', 'description', 'externalId', 'labels', 'labels', 'size', 'title', 'type'].sort(),
    );
  });

  it('maps good rows and reports every bad field per row with its line', () => {
    const mapped = mapRows(rows, mapping);
    expect(mapped[0]!.input).toMatchObject({
      title: 'View all teams sortable by sponsor',
      externalId: 'LP-1',
      type: 'story',
      size: 5,
      businessValue: 13,
      labels: ['league', 'ux'],
    });
    expect(mapped[1]!.input).toMatchObject({ type: 'spike', size: null, businessValue: 5 });
    expect(mapped[2]).toMatchObject({ line: 4, input: null, errors: { title: expect.any(String) } });
    expect(Object.keys(mapped[3]!.errors).sort()).toEqual(['businessValue', 'size', 'type']);
  });

  it('flags a repeated external id', () => {
    const { rows: r } = parseCsv('Title,External id\nA,X1\nB,X1');
    const m = mapRows(r, suggestMapping(r[0]!));
    expect(m[1]!.errors.externalId).toMatch(/line 2/);
  });

  it('round-trips through toCsv', () => {
    const text = toCsv(['Title', 'Labels'], [['Say "hi", please', 'a;b']]);
    expect(parseCsv(text).rows).toEqual([
      ['Title', 'Labels'],
      ['Say "hi", please', 'a;b'],
    ]);
  });
});
