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

export function MembersSection({ product, canEdit }: { product: Product; canEdit: boolean }) {
  const qc = useQueryClient();
  const members = useMembers(product.id);
  const people = useDirectory(canEdit);
  const segments = useSegments(product.id).data ?? [];
  const [importing, setImporting] = useState(false);
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

  return (
    <ListSection
      id="members-h"
      title="Members"
      aside={
        <>
          <span className="muted">{members.data?.length ?? 0} people</span>
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
      <QueryList query={members}>
        {(rows) => (
          <ListTable
            labelledBy="members-h"
            columns={[{ head: 'Person' }, { head: 'Role' }, { head: 'Segments' }, canEdit && ACTIONS]}
            rows={rows}
            rowKey={(m) => m.userId}
            row={(m) => (
              <>
                <td>
                  <div className="who">
                    <Avatar name={m.name} />
                    <div className="grow">
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
                  {canEdit && m.role === 'stakeholder' && <SignInLinkButton product={product} member={m} />}
                </td>
                {canEdit && (
                  <td className="actions">
                    <button
                      type="button"
                      className="btn btn-sm btn-ghost btn-danger"
                      aria-label={`Remove ${m.name}`}
                      onClick={() => {
                        if (window.confirm(`Remove ${m.name} from ${product.name}?`))
                          void act(() => api.delete(apiPath('products', product.id, 'members', m.userId)));
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
