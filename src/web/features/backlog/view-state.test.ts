import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, isRankOrder, listQuery, parseView, withItem, writeView } from './view-state.ts';

describe('backlog view in the URL', () => {
  it('round-trips filters, sort and columns, and keeps defaults out of the URL', () => {
    const view = {
      ...DEFAULT_VIEW,
      types: ['story', 'defect'] as const,
      releaseCritical: true,
      sort: 'wsjf' as const,
      dir: 'desc' as const,
      q: 'sponsor',
    };
    const params = writeView({ ...view, types: [...view.types] }, new URLSearchParams('item=abc'));
    expect(params.toString()).toBe('item=abc&type=story%2Cdefect&rc=yes&q=sponsor&sort=wsjf&dir=desc');
    expect(parseView(params)).toEqual({ ...view, types: ['story', 'defect'] });
    expect(writeView(DEFAULT_VIEW).toString()).toBe('');
  });

  it('drops unknown values instead of sending them to the API', () => {
    const v = parseView(new URLSearchParams('type=story,epic&sort=hack&cols=wsjf,nope'));
    expect(v.types).toEqual(['story']);
    expect(v.sort).toBe('rank');
    expect(v.columns).toEqual(['wsjf']);
  });

  it('builds the server query and allows drag only in backlog order', () => {
    const v = { ...DEFAULT_VIEW, segment: 's1', releaseCritical: false };
    expect(listQuery(v, 'c1', 200)).toBe(
      'status=new%2Cready%2Cin_progress&segment=s1&releaseCritical=false&sort=rank&dir=asc&cursor=c1&limit=200',
    );
    expect(isRankOrder(v)).toBe(true);
    expect(isRankOrder({ ...v, sort: 'wsjf' })).toBe(false);
  });
});

describe('finished work', () => {
  it('is hidden by default, shown with ?finished=show, and chosen statuses override it', () => {
    expect(listQuery(DEFAULT_VIEW, null, 50)).toContain('status=new%2Cready%2Cin_progress&');
    const shown = parseView(new URLSearchParams('finished=show'));
    expect(shown.finished).toBe(true);
    expect(listQuery(shown, null, 50)).not.toContain('status=');
    expect(writeView(shown).toString()).toBe('finished=show');
    expect(listQuery({ ...DEFAULT_VIEW, statuses: ['done'] }, null, 50)).toContain('status=done&');
  });
});

describe('withItem', () => {
  it('sets and clears ?item= and keeps the view beside it', () => {
    const view = new URLSearchParams('sort=wsjf&dir=desc');
    const opened = withItem('it-1')(view);
    expect(opened.toString()).toBe('sort=wsjf&dir=desc&item=it-1');
    expect(withItem(null)(opened).toString()).toBe('sort=wsjf&dir=desc');
    expect(view.toString()).toBe('sort=wsjf&dir=desc');
  });
});
