import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { pointsOf } from '#domain/poker/scales.ts';
import { ROLES } from '#domain/roles.ts';
import { useCan, useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading, PageHead } from '#web/components/ui.tsx';
import { Crumb } from '#web/features/sprints/crumb.tsx';
import { pts } from '#web/features/sprints/format.ts';
import {
  type PokerSessionT,
  pokerApi,
  pokerKeys,
  useMyVote,
  usePokerSession,
  usePokerStream,
} from './poker-api.ts';
import { PokerItemBrief } from './poker-item-brief.tsx';
import { CardHand, Spread, Voters } from './poker-parts.tsx';
import { WatchingNote } from './watching-note.tsx';

const LIVE_LABEL = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' } as const;

/**
 * One live poker session. Team members get cards; everyone else watches and sees who has voted,
 * never the values before the reveal. The facilitator or any team member reveals, calls a re-vote
 * and records the agreed value, which becomes the item's size.
 */
export function PokerSessionPage() {
  const { sessionId = '' } = useParams();
  const product = useProduct();
  const qc = useQueryClient();
  const session = usePokerSession(sessionId);
  const live = usePokerStream(sessionId);
  const isVoter = product.role === 'team';
  const canRun = useCan(ROLES.teamOrFacilitator);
  const s = session.data;
  // Rounds count per item, so a round is known by its item and number together.
  const roundKey = s ? `${s.currentItemId ?? ''}:${s.round}` : '';
  const myVote = useMyVote(sessionId, roundKey, Boolean(s && isVoter && s.status === 'voting'));
  // The card just played wins over the server's copy until the next round; after a reload the
  // server's copy (GET my-vote, only ever the caller's own) shows it again.
  const [picked, setPicked] = useState<{ round: string; value: string } | null>(null);
  const mine = s && picked?.round === roundKey ? picked.value : (myVote.data ?? null);
  const [agreeOn, setAgreeOn] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (s?.spread?.suggested) setAgreeOn(s.spread.suggested);
  }, [s?.spread?.suggested]);

  async function act(fn: () => Promise<PokerSessionT>) {
    setError(null);
    try {
      qc.setQueryData(pokerKeys.session(sessionId), await fn());
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Not saved. Try again.');
    }
  }

  if (session.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (session.isError || !s)
    return (
      <div className="page">
        <ErrorState error={session.error} />
      </div>
    );
  const current = s.items.find((i) => i.itemId === s.currentItemId) ?? null;
  const resultOf = (itemId: string) => s.results.find((r) => r.itemId === itemId);
  const estimateCards = s.cards.filter((c) => pointsOf(c) !== null);
  const voted = s.voters.filter((v) => v.hasVoted).length;

  return (
    <div className="page stack">
      <Crumb to=".." label="Poker" />
      <PageHead
        title={s.title || 'Poker session'}
        subtitle={
          <span className="row">
            <span>
              <span className="live-dot" data-status={live} aria-hidden="true" />
              <span data-testid="live-status">{LIVE_LABEL[live]}</span>
            </span>
            <span className="muted">
              · {s.results.length} of {s.items.length} estimated ·{' '}
              {s.scale === 'tshirt' ? 'T-shirt' : s.scale === 'custom' ? 'Own deck' : 'Fibonacci'}
            </span>
          </span>
        }
        actions={
          canRun &&
          s.status !== 'closed' && (
            <button type="button" className="btn" onClick={() => void act(() => pokerApi.close(s.id))}>
              End session
            </button>
          )
        }
      />
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="poker-layout">
        <div className="stack">
          {s.status === 'closed' || !current ? (
            <div className="card poker-current">
              <h2>Session closed</h2>
              <p className="muted">
                {s.results.length} of {s.items.length} items got an agreed estimate, written to their size.
              </p>
            </div>
          ) : (
            <div className="card poker-current" data-testid="current-item">
              <div className="row">
                <span className="mono muted">{current.key}</span>
                <span className="badge" title="Rounds count per item">
                  Round {s.round} of this item
                </span>
                <span className="badge">{s.status === 'voting' ? 'Voting' : 'Revealed'}</span>
                {current.size !== null && <span className="muted">current size {pts(current.size)}</span>}
              </div>
              <h2>{current.title}</h2>
              <PokerItemBrief item={current} />
              {s.status === 'voting' && (
                <>
                  {isVoter ? (
                    <>
                      <p className="muted">
                        {mine
                          ? `You played ${mine}. Change it until the reveal.`
                          : 'Pick your card. Nobody sees it before the reveal.'}
                      </p>
                      <CardHand
                        cards={s.cards}
                        mine={mine}
                        disabled={false}
                        onPick={(c) => {
                          setPicked({ round: roundKey, value: c });
                          void act(() => pokerApi.vote(s.id, c));
                        }}
                      />
                    </>
                  ) : (
                    <WatchingNote role={product.role} session={s} />
                  )}
                  {canRun && (
                    <div className="row">
                      <button
                        type="button"
                        className="btn btn-primary"
                        disabled={voted === 0}
                        onClick={() => void act(() => pokerApi.reveal(s.id))}
                      >
                        Reveal {voted} {voted === 1 ? 'vote' : 'votes'}
                      </button>
                      {voted < s.voters.length && (
                        <span className="muted">{s.voters.length - voted} still thinking</span>
                      )}
                    </div>
                  )}
                </>
              )}
              {s.status === 'revealed' && s.spread && (
                <>
                  <Spread spread={s.spread} />
                  {canRun && (
                    <div className="row">
                      {isVoter && (
                        <>
                          <label htmlFor="agree-on" className="label">
                            Agreed value
                          </label>
                          <select
                            id="agree-on"
                            className="select"
                            style={{ width: 100 }}
                            value={agreeOn}
                            onChange={(e) => setAgreeOn(e.target.value)}
                          >
                            <option value="">Pick…</option>
                            {estimateCards.map((c) => (
                              <option key={c} value={c}>
                                {c}
                              </option>
                            ))}
                          </select>
                          <button
                            type="button"
                            className="btn btn-primary"
                            disabled={!agreeOn}
                            onClick={() => void act(() => pokerApi.agree(s.id, agreeOn))}
                          >
                            Accept {agreeOn || 'value'} as the size
                          </button>
                        </>
                      )}
                      <button
                        type="button"
                        className="btn"
                        onClick={() => void act(() => pokerApi.revote(s.id))}
                      >
                        Vote again
                      </button>
                    </div>
                  )}
                </>
              )}
            </div>
          )}
          <section className="section" aria-labelledby="items-h">
            <h2 id="items-h">Items</h2>
            <ul className="poker-items card" style={{ padding: 6 }}>
              {s.items.map((i) => {
                const r = resultOf(i.itemId);
                return (
                  <li key={i.itemId}>
                    <button
                      type="button"
                      aria-current={i.itemId === s.currentItemId ? 'true' : undefined}
                      disabled={!canRun || s.status === 'closed' || i.itemId === s.currentItemId}
                      onClick={() => void act(() => pokerApi.select(s.id, i.itemId))}
                      title={canRun ? 'Estimate this item now' : undefined}
                    >
                      <span className="mono muted">{i.key}</span>
                      <span className="grow">{i.title}</span>
                      {r ? (
                        <span className="badge badge-success" data-testid={`result-${i.key}`}>
                          {r.value}
                        </span>
                      ) : (
                        <span className="points">{pts(i.size)}</span>
                      )}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
        <Voters session={s} />
      </div>
    </div>
  );
}
