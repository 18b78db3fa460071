/**
 * "New role…": a name, a built-in base (member, guest or admin), and the
 * permissions it adds, each for every room and digital human or only for
 * those picked. Permissions the base already gives are not offered. The id
 * is made from the name (a slug not taken yet). The core's refusal shows in
 * the dialog.
 */
import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { CustomRole, RoleCatalog } from '../../../src-main/common/contract';
import { errorMessage } from '../../lib/errorMessage';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n/I18nProvider';
import { Dialog, DialogFooter } from '../../lib/ui/Dialog';
import { FormError, TextField } from '../../lib/ui/TextField';
import { permissionLabel, resourceKindOf } from './roleGrantText';
import type { RoleResources } from './useRoles';

type Base = CustomRole['base'];
const BASES: readonly Base[] = ['member', 'guest', 'admin'];

/** A permission ticked in the form: for every resource, or only the ids picked. */
interface GrantDraft {
  limited: boolean;
  ids: readonly string[];
}

interface NewRoleDialogProps {
  workspaceId: string;
  catalog: RoleCatalog;
  resources: RoleResources | null;
  onCreated(role: CustomRole): void;
  onClose(): void;
}

/** A role id from its name: lowercase letters, digits and dashes, starting with a letter, not taken. */
function roleIdFor(name: string, taken: ReadonlySet<string>): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 28);
  const base = slug.length >= 2 && !taken.has(slug) ? slug : `role-${slug}`.replace(/-+$/, '').slice(0, 28);
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

export function NewRoleDialog({ workspaceId, catalog, resources, onCreated, onClose }: NewRoleDialogProps): ReactNode {
  const t = useT();
  const baseId = useId();
  const [name, setName] = useState('');
  const [base, setBase] = useState<Base>('member');
  const [grants, setGrants] = useState<Readonly<Record<string, GrantDraft>>>({});
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const given = new Set(catalog.builtin.find((b) => b.role === base)?.grants.filter((g) => g.resources === null).map((g) => g.permission));
  const offered = given.has('*') ? [] : catalog.permissions.filter((p) => !given.has(p));

  const change = (permission: string, next: GrantDraft | null): void => {
    setError(null);
    setGrants((prev) => {
      const copy = { ...prev };
      if (next) copy[permission] = next;
      else delete copy[permission];
      return copy;
    });
  };

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (name.trim() === '') {
      setNameError(t('roles.new.nameRequired'));
      return;
    }
    setNameError(null);
    const chosen = offered.filter((p) => grants[p]);
    if (chosen.some((p) => grants[p]?.limited && grants[p].ids.length === 0)) {
      setError(t('roles.new.limitEmpty'));
      return;
    }
    const taken = new Set([...catalog.roles.map((r) => r.id), ...catalog.builtin.map((b) => b.role)]);
    setBusy(true);
    try {
      const role = await api.invoke('roles.define', {
        workspaceId,
        id: roleIdFor(name, taken),
        name: name.trim(),
        base,
        grants: chosen.map((permission) => ({ permission, resources: grants[permission]?.limited ? [...grants[permission].ids] : null })),
      });
      onCreated(role);
    } catch (err) {
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('roles.new.title')} description={t('roles.new.description')} onClose={onClose} testId="new-role-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('roles.new.name')}
          placeholder={t('roles.new.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError}
          maxLength={60}
          testId="new-role-name"
          autoComplete="off"
        />
        <div className="field">
          <label className="field__label" htmlFor={baseId}>
            {t('roles.new.base')}
          </label>
          <select id={baseId} className="input" value={base} onChange={(e) => setBase(e.target.value as Base)} data-testid="new-role-base">
            {BASES.map((b) => (
              <option key={b} value={b}>
                {t(`role.${b}`)}
              </option>
            ))}
          </select>
        </div>
        {offered.length > 0 ? (
          <fieldset className="field">
            <legend className="field__label">{t('roles.new.grants')}</legend>
            <ul className="role-grants">
              {offered.map((permission) => (
                <GrantChoice key={permission} permission={permission} draft={grants[permission] ?? null} resources={resources} onChange={(next) => change(permission, next)} />
              ))}
            </ul>
          </fieldset>
        ) : null}
        {error ? <FormError message={error} testId="new-role-error" /> : null}
        <DialogFooter>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="new-role-submit">
            {t('roles.new.submit')}
          </button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}

interface GrantChoiceProps {
  permission: string;
  draft: GrantDraft | null;
  resources: RoleResources | null;
  onChange(next: GrantDraft | null): void;
}

/** One permission: ticked or not and, when it can be, limited to some rooms or digital humans. */
function GrantChoice({ permission, draft, resources, onChange }: GrantChoiceProps): ReactNode {
  const t = useT();
  const label = permissionLabel(t, permission);
  const kind = resourceKindOf(permission);
  const choices = kind === null ? [] : (resources?.[kind] ?? []);
  const toggleId = (id: string): void => {
    if (!draft) return;
    onChange({ ...draft, ids: draft.ids.includes(id) ? draft.ids.filter((x) => x !== id) : [...draft.ids, id] });
  };
  return (
    <li className="role-grants__item">
      <label className="role-grants__choice">
        <input type="checkbox" checked={draft !== null} onChange={(e) => onChange(e.target.checked ? { limited: false, ids: [] } : null)} data-testid={`new-role-grant-${permission}`} />
        <span>{label}</span>
        <code className="role-grants__code">{permission}</code>
      </label>
      {draft && kind ? (
        <div className="role-grants__limit">
          <label className="role-grants__choice">
            <input
              type="checkbox"
              checked={draft.limited}
              aria-label={t(`roles.new.limitOf.${kind}`, { permission: label })}
              onChange={(e) => onChange({ limited: e.target.checked, ids: draft.ids })}
              data-testid={`new-role-limit-${permission}`}
            />
            <span aria-hidden="true">{t(`roles.new.limit.${kind}`)}</span>
          </label>
          {draft.limited ? (
            <fieldset className="role-grants__resources">
              <legend className="visually-hidden">{`${label} — ${t(kind === 'rooms' ? 'roles.new.limitRooms' : 'roles.new.limitDhs')}`}</legend>
              <span className="role-grants__kind" aria-hidden="true">
                {t(kind === 'rooms' ? 'roles.new.limitRooms' : 'roles.new.limitDhs')}
              </span>
              {choices.length === 0 ? <span className="field__hint">{t('roles.new.noResources')}</span> : null}
              {choices.map((r) => (
                <label key={r.id} className="role-grants__choice">
                  <input type="checkbox" checked={draft.ids.includes(r.id)} onChange={() => toggleId(r.id)} data-testid={`new-role-resource-${permission}-${r.id}`} />
                  <span>{r.label}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
