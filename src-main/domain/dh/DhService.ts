/**
 * Digital humans of a workspace: their profiles in `meta.dhs` (format in
 * storage/dh/metaDhFormat.ts), each one also a member of kind `dh` in
 * `meta.members`, written together in one transaction. Reads come from the
 * `digital_humans` projection. Deleting a DH also clears its doc
 * (`dh/<id>`: memories, tasks, knowledge).
 */
import * as Y from 'yjs';
import { ConflictError, NotFoundError, ValidationError } from '../../common/AppError';
import {
  DH_HANDLE_PATTERN,
  RESERVED_DH_HANDLES,
  dhHandleLocalPart,
  type DhTemplate,
  type DhToolName,
  type DigitalHuman,
} from '../../common/contract';
import { dhDocName } from '../../storage/dh/dhDocFormat';
import { writeDhFields, writeDhRecord, type DhFields, type DhRecord } from '../../storage/dh/metaDhFormat';
import { writeMemberRecord } from '../../storage/rooms/metaRoomsFormat';
import { writeTaskFields } from '../../storage/tasks/taskDocFormat';
import { txOrigin } from '../../sync/TxOrigin';
import type { DhMemberProfile } from '../rooms/MemberDirectory';
import { baseHandle } from '../rooms/deriveHandles';
import type { RoomsContext } from '../rooms/RoomsContext';
import { WORKSPACE_COLORS } from '../workspaceColors';
import { dhWorkspace, type DhWorkspace } from './dhWorkspace';
import { dhTemplates, findDhTemplate } from './dhTemplates';

export interface CreateDhInput {
  name?: string | undefined;
  handle?: string | undefined;
  title?: string | undefined;
  persona?: string | undefined;
  color?: string | undefined;
  model?: string | null | undefined;
  tools?: DhToolName[] | undefined;
  memoryEnabled?: boolean | undefined;
  template?: string | null | undefined;
}

export interface DhPatch {
  name?: string | undefined;
  handle?: string | undefined;
  title?: string | undefined;
  persona?: string | undefined;
  color?: string | undefined;
  model?: string | null | undefined;
  tools?: DhToolName[] | undefined;
  memoryEnabled?: boolean | undefined;
}

/** Tools a DH made without a template starts with. */
const DEFAULT_TOOLS: DhToolName[] = ['memory', 'tasks', 'post'];

export class DhService {
  constructor(private readonly ctx: RoomsContext) {}

  /** The workspace's DHs by name; archived ones only when asked. */
  list(workspaceId: string, includeArchived = false): DigitalHuman[] {
    const ws = this.workspace(workspaceId);
    return ws.dhs
      .list()
      .filter((dh) => includeArchived || !dh.archived)
      .map((dh) => this.describe(ws, dh))
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  }

  /** A DH by id, full handle or mention handle (a leading `@` is ignored); NotFoundError otherwise. */
  get(workspaceId: string, idOrHandle: string): DigitalHuman {
    const ws = this.workspace(workspaceId);
    const byId = ws.dhs.get(idOrHandle);
    const found = byId ? this.describe(ws, byId) : this.byHandle(workspaceId, idOrHandle);
    if (!found) throw new NotFoundError(`No digital human "${idOrHandle}" in this workspace`);
    return found;
  }

  /**
   * The DH `handle` names (`@philippe`, `philippe@qwanyx.com`, or the
   * `philippe-2` a clash gave it), archived or not; null when none does.
   */
  byHandle(workspaceId: string, handle: string): DigitalHuman | null {
    const ws = this.workspace(workspaceId);
    const wanted = handle.trim().replace(/^@/, '').toLowerCase();
    const member = this.ctx.members(this.ctx.forHandle(ws.handle)).byHandle.get(wanted);
    const fromMember = member?.kind === 'dh' ? ws.dhs.get(member.id) : null;
    const found = fromMember ?? ws.dhs.byHandle(wanted)[0] ?? null;
    return found ? this.describe(ws, found) : null;
  }

  /** The templates a DH can start from. */
  templates(): DhTemplate[] {
    return dhTemplates();
  }

  /** Creates a DH (from `input`, the template filling what is not given) and its member entry. */
  create(workspaceId: string, input: CreateDhInput): DigitalHuman {
    const ws = this.workspace(workspaceId);
    const template = input.template ? findDhTemplate(input.template) : null;
    if (input.template && !template) throw new ValidationError(`Unknown template "${input.template}"`);
    const name = input.name ?? template?.name;
    if (name === undefined) throw new ValidationError('A digital human needs a name');
    const handle = input.handle ?? this.freeHandle(ws, template && name === template.name ? template.handle : baseHandle(name));
    this.assertHandleFree(ws, handle, null);
    const me = this.ctx.userId;
    const now = this.ctx.deps.now();
    const dh: DhRecord = {
      id: this.ctx.deps.newId(),
      name,
      handle,
      title: input.title ?? template?.title ?? '',
      persona: input.persona ?? (template ? personaFor(template, name) : ''),
      color: input.color ?? template?.color ?? WORKSPACE_COLORS[ws.dhs.list().length % WORKSPACE_COLORS.length]!,
      model: input.model ?? null,
      tools: input.tools ?? template?.tools ?? DEFAULT_TOOLS,
      memoryEnabled: input.memoryEnabled ?? template?.memoryEnabled ?? true,
      template: template?.id ?? null,
      createdAt: now,
      createdBy: me,
      archived: false,
    };
    ws.handle.docs.transact('meta', txOrigin('local', me), (doc) => {
      writeDhRecord(doc.getMap('dhs'), dh);
      doc.getMap('members').set(dh.id, writeMemberRecord(memberOf(dh, now)));
    });
    return this.get(workspaceId, dh.id);
  }

  /** Changes the fields given; a new name or handle also refreshes its member entry. */
  update(workspaceId: string, dhId: string, patch: DhPatch): DigitalHuman {
    const ws = this.workspace(workspaceId);
    const current = this.record(ws, dhId);
    if (patch.handle !== undefined) this.assertHandleFree(ws, patch.handle, dhId);
    const { name, handle, title, persona, color, model, tools, memoryEnabled } = patch;
    this.write(ws, dhId, current, { name, handle, title, persona, color, model, tools, memoryEnabled });
    return this.get(workspaceId, dhId);
  }

  /** Archives a DH (it leaves the sidebar and answers no one; its history stays), or restores it. */
  archive(workspaceId: string, dhId: string, archived = true): DigitalHuman {
    const ws = this.workspace(workspaceId);
    this.write(ws, dhId, this.record(ws, dhId), { archived });
    return this.get(workspaceId, dhId);
  }

  /**
   * Deletes a DH for good: its doc is emptied (memories, tasks, knowledge:
   * their content leaves the doc), tasks assigned to it elsewhere become
   * unassigned, then its profile, member entry and room memberships go.
   */
  delete(workspaceId: string, dhId: string): { id: string } {
    const ws = this.workspace(workspaceId);
    this.record(ws, dhId);
    const me = this.ctx.userId;
    const docName = dhDocName(dhId);
    // Every feature's part of the DH's doc (memories, tasks, knowledge) goes with it.
    ws.handle.docs.transact(docName, txOrigin('local', me), (doc) => {
      for (const name of ws.handle.layout.rootMapsOf(docName)) {
        const map = doc.getMap(name);
        for (const key of [...map.keys()]) map.delete(key);
      }
    });
    const assigned = ws.tasks.assignedTo({ kind: 'dh', id: dhId }).filter((t) => t.dhId !== dhId);
    for (const owner of new Set(assigned.map((t) => t.dhId))) {
      ws.handle.docs.transact(dhDocName(owner), txOrigin('local', me), (doc) => {
        const tasks = doc.getMap('tasks');
        for (const t of assigned.filter((a) => a.dhId === owner)) {
          const entry = tasks.get(t.id);
          if (entry instanceof Y.Map) writeTaskFields(entry as Y.Map<unknown>, { assignee: null, updatedAt: this.ctx.deps.now() });
        }
      });
    }
    ws.handle.docs.transact('meta', txOrigin('local', me), (doc) => {
      doc.getMap('dhs').delete(dhId);
      doc.getMap('members').delete(dhId);
      for (const room of doc.getMap('rooms').values()) {
        const members = room instanceof Y.Map ? room.get('members') : null;
        if (members instanceof Y.Map && members.has(dhId)) members.delete(dhId);
      }
    });
    ws.tasks.forgetReminders(dhId);
    return { id: dhId };
  }

  /** Names and handles of the DHs of an open workspace, for the member directory. */
  memberProfiles(workspaceId: string): DhMemberProfile[] {
    const handle = this.ctx.deps.workspaces.openHandle(workspaceId);
    if (!handle) return [];
    return dhWorkspace(handle)
      .dhs.list()
      .map((dh) => ({ id: dh.id, name: dh.name, handle: dh.handle }));
  }

  /** The DH view of workspace `workspaceId`, opened if needed. */
  workspace(workspaceId: string): DhWorkspace {
    return dhWorkspace(this.ctx.workspace(workspaceId).handle);
  }

  private describe(ws: DhWorkspace, dh: DhRecord): DigitalHuman {
    const member = this.ctx.members(this.ctx.forHandle(ws.handle)).byId.get(dh.id);
    return { ...dh, tools: [...dh.tools], mentionHandle: member?.kind === 'dh' ? member.handle : dhHandleLocalPart(dh.handle) };
  }

  private record(ws: DhWorkspace, dhId: string): DhRecord {
    const dh = ws.dhs.get(dhId);
    if (!dh) throw new NotFoundError('No such digital human in this workspace');
    return dh;
  }

  private write(ws: DhWorkspace, dhId: string, current: DhRecord, patch: Partial<DhFields>): void {
    // Checked before the transaction: a throw inside one would make DocManager reload the doc.
    const entry = ws.handle.docs.doc('meta').getMap('dhs').get(dhId);
    if (!(entry instanceof Y.Map)) throw new NotFoundError('No such digital human in this workspace');
    const next = { ...current, ...definedOnly(patch) };
    ws.handle.docs.transact('meta', txOrigin('local', this.ctx.userId), (doc) => {
      writeDhFields(entry as Y.Map<unknown>, patch);
      if (next.name !== current.name || next.handle !== current.handle) {
        const members = doc.getMap('members');
        const old = members.get(dhId) as { joinedAt?: unknown } | undefined;
        const joinedAt = typeof old?.joinedAt === 'number' ? old.joinedAt : current.createdAt;
        members.set(dhId, writeMemberRecord(memberOf(next, joinedAt)));
      }
    });
  }

  /** Throws ConflictError when `handle` (or its local part) is another DH's, or a person's @handle. */
  private assertHandleFree(ws: DhWorkspace, handle: string, except: string | null): void {
    const local = dhHandleLocalPart(handle);
    const clash = ws.dhs.list().find((d) => d.id !== except && (d.handle === handle || dhHandleLocalPart(d.handle) === local));
    if (clash) throw new ConflictError(`The handle @${local} is already taken by ${clash.name}`);
    const member = this.ctx.members(this.ctx.forHandle(ws.handle)).byHandle.get(local);
    if (member && member.id !== except && member.kind === 'user') throw new ConflictError(`The handle @${local} is already ${member.displayName}'s`);
  }

  /** `base`, or `base-2`, `base-3`… whichever no DH or person has. */
  private freeHandle(ws: DhWorkspace, base: string): string {
    let stem = base.toLowerCase().replace(/^[._-]+|[._-]+$/g, '').slice(0, 36);
    if (!DH_HANDLE_PATTERN.test(stem) || RESERVED_DH_HANDLES.includes(stem)) stem = 'assistant';
    const taken = new Set([
      ...ws.dhs.list().map((d) => dhHandleLocalPart(d.handle)),
      ...this.ctx.members(this.ctx.forHandle(ws.handle)).list.map((m) => m.handle),
    ]);
    let handle = stem;
    for (let n = 2; taken.has(handle); n++) handle = `${stem}-${n}`;
    return handle;
  }
}

/** The template's persona, speaking as `name` when the DH was given another name. */
function personaFor(template: DhTemplate, name: string): string {
  return name === template.name ? template.persona : template.persona.replaceAll(`You are ${template.name},`, `You are ${name},`);
}

function memberOf(dh: Pick<DhRecord, 'id' | 'name' | 'handle'>, joinedAt: number): Parameters<typeof writeMemberRecord>[0] {
  return { id: dh.id, kind: 'dh', displayName: dh.name, email: dh.handle.includes('@') ? dh.handle : '', joinedAt };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
