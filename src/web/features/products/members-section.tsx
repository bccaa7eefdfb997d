import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Product } from '#contracts/products.ts';
import { Member } from '#contracts/products.ts';
import { PRODUCT_ROLES, type ProductRole, ROLE_LABELS } from '#domain/roles.ts';
import { Form, SelectField } from '#web/components/form.tsx';
import { ACTIONS, ListSection, ListTable, QueryList, RowError, useRowAction } from '#web/components/list.tsx';
import { Avatar } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { keys, useDirectory, useMe, useMembers, useSegments } from '#web/lib/queries.ts';
import { MemberSegments, SignInLinkButton } from './stakeholder-controls.tsx';
import { StakeholderImportDialog } from './stakeholder-import-dialog.tsx';

const roleOptions = PRODUCT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** Rows shown at first and per "Show more": a product with 200 stakeholders stays one screen or two. */
const PAGE = 25;

/** Which members a filter keeps: the team (every non-stakeholder), all stakeholders, or a segment's. */
function keeps(m: Member, show: string, words: string): boolean {
  if (show === 'team' && m.role === 'stakeholder') return false;
  if (show === 'stakeholders' && m.role !== 'stakeholder') return false;
  if (show === 'no-segment' && (m.role !== 'stakeholder' || m.segmentIds.length > 0)) return false;
  if (show.startsWith('segment:') && !m.segmentIds.includes(show.slice(8))) return false;
  if (!words) return true;
  const hay = `${m.name} ${m.email ?? ''}`.toLowerCase();
  return words.split(/\s+/).every((w) => hay.includes(w));
}

export function MembersSection({ product, canEdit }: { product: Product; canEdit: boolean }) {
  const qc = useQueryClient();
  const members = useMembers(product.id);
  const people = useDirectory(canEdit);
  const segments = useSegments(product.id).data ?? [];
  const [importing, setImporting] = useState(false);
  const [find, setFind] = useState('');
  const [show, setShow] = useState('all');
  const [limit, setLimit] = useState(PAGE);
  const me = useMe().data;
  const isAdmin = me?.user.workspaceRole === 'admin';
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.members(product.id) });
    void qc.invalidateQueries({ queryKey: keys.events(product.id) });
    void qc.invalidateQueries({ queryKey: keys.products });
  };
  const { error: rowError, run: act } = useRowAction(refresh);

  const memberIds = new Set(members.data?.map((m) => m.userId));
  const candidates = (people.data ?? []).filter((u) => !memberIds.has(u.id));
  const all = members.data ?? [];
  const stakeholders = all.filter((m) => m.role === 'stakeholder').length;
  const words = find.trim().toLowerCase();
  const filtered = all.filter((m) => keeps(m, show, words));
  const many = all.length > PAGE;

  return (
    <ListSection
      id="members-h"
      title="Members"
      aside={
        <>
          <span className="muted">
            {all.length} {all.length === 1 ? 'person' : 'people'}
            {stakeholders > 0 && ` · ${stakeholders} stakeholder${stakeholders === 1 ? '' : 's'}`}
          </span>
          {canEdit && (
            <button type="button" className="btn btn-sm" onClick={() => setImporting(true)}>
              Add stakeholders
            </button>
          )}
        </>
      }
    >
      {importing && <StakeholderImportDialog product={product} onClose={() => setImporting(false)} />}
      <RowError error={rowError} />
      {many && (
        <search className="sh-filter" aria-label="Find members">
          <label className="field">
            <span className="label">Find a person</span>
            <input
              className="input"
              type="search"
              value={find}
              placeholder="Name or email"
              onChange={(e) => {
                setFind(e.target.value);
                setLimit(PAGE);
              }}
            />
          </label>
          <label className="field">
            <span className="label">Show</span>
            <select
              className="select"
              value={show}
              onChange={(e) => {
                setShow(e.target.value);
                setLimit(PAGE);
              }}
            >
              <option value="all">Everyone</option>
              <option value="team">The team (not stakeholders)</option>
              <option value="stakeholders">All stakeholders</option>
              {segments.map((g) => (
                <option key={g.id} value={`segment:${g.id}`}>
                  Segment: {g.name}
                </option>
              ))}
              <option value="no-segment">Stakeholders without a segment</option>
            </select>
          </label>
          <span className="muted" role="status">
            {filtered.length === all.length
              ? `Showing ${Math.min(limit, all.length)} of ${all.length}`
              : `${filtered.length} match${filtered.length === 1 ? '' : 'es'}`}
          </span>
        </search>
      )}
      <QueryList query={members}>
        {() => (
          <>
            {filtered.length === 0 && (
              <p className="muted">Nobody matches. Try part of a name or an email.</p>
            )}
            {filtered.length > 0 && (
              <ListTable
                labelledBy="members-h"
                columns={[{ head: 'Person' }, { head: 'Role' }, { head: 'Segments' }, canEdit && ACTIONS]}
                rows={filtered.slice(0, limit)}
                rowKey={(m) => m.userId}
                row={(m) => (
                  <>
                    <td>
                      <div className="who">
                        <Avatar name={m.name} />
                        <div className="grow sh-person">
                          {m.name}
                          {m.userId === me?.user.id && <span className="muted"> (you)</span>}
                          <small>{m.email}</small>
                        </div>
                      </div>
                    </td>
                    <td>
                      {canEdit ? (
                        <select
                          className="select"
                          style={{ width: 'auto' }}
                          aria-label={`Role of ${m.name}`}
                          value={m.role}
                          onChange={(e) =>
                            act(() =>
                              api.patch(
                                apiPath('products', product.id, 'members', m.userId),
                                { role: e.target.value as ProductRole },
                                Member,
                              ),
                            )
                          }
                        >
                          {roleOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <span className="badge">{ROLE_LABELS[m.role]}</span>
                      )}
                    </td>
                    <td>
                      {m.role === 'stakeholder' ? (
                        <MemberSegments
                          member={m}
                          segments={segments}
                          canEdit={canEdit}
                          onChange={(segmentIds) =>
                            act(() =>
                              api.patch(
                                apiPath('products', product.id, 'members', m.userId),
                                { segmentIds },
                                Member,
                              ),
                            )
                          }
                        />
                      ) : (
                        <span className="faint">—</span>
                      )}
                      {canEdit && m.role === 'stakeholder' && (
                        <SignInLinkButton product={product} member={m} />
                      )}
                    </td>
                    {canEdit && (
                      <td className="actions">
                        <button
                          type="button"
                          className="btn btn-sm btn-ghost btn-danger"
                          aria-label={`Remove ${m.name}`}
                          onClick={() => {
                            if (window.confirm(`Remove ${m.name} from ${product.name}?`))
                              void act(() =>
                                api.delete(apiPath('products', product.id, 'members', m.userId)),
                              );
                          }}
                        >
                          Remove
                        </button>
                      </td>
                    )}
                  </>
                )}
              />
            )}
            {filtered.length > limit && (
              <div className="sh-more">
                <button type="button" className="btn btn-sm" onClick={() => setLimit((n) => n + PAGE * 4)}>
                  Show {Math.min(PAGE * 4, filtered.length - limit)} more
                </button>
                <span className="muted">{filtered.length - limit} not shown</span>
              </div>
            )}
          </>
        )}
      </QueryList>
      {canEdit && people.isSuccess && candidates.length === 0 && (
        <p className="muted">
          Everyone in the workspace is already a member.{' '}
          {isAdmin ? (
            <Link to="/admin/users">Invite more people</Link>
          ) : (
            'Ask a workspace admin to invite more people'
          )}{' '}
          first.
        </p>
      )}
      {canEdit && candidates.length > 0 && (
        <Form
          aria-label="Add a member"
          className="form-row"
          submitLabel="Add member"
          busyLabel="Adding…"
          onSubmit={(v) =>
            api.post(apiPath('products', product.id, 'members'), { userId: v.userId, role: v.role }, Member)
          }
          onSuccess={refresh}
        >
          <SelectField
            name="userId"
            label="Person"
            options={candidates.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
          />
          <SelectField name="role" label="Role" options={roleOptions} defaultValue="team" />
        </Form>
      )}
    </ListSection>
  );
}
