/**
 * The write policy of each doc kind, as data: the relay checks every update
 * against the policy of its doc before the doc, the log or any other client
 * sees it (checkUpdatePolicy.ts). One entry per kind of docNames.ts, so a new
 * kind cannot be served without saying what may be written to it.
 *
 * - `open`: any update that decodes is accepted (`dh/<id>`).
 * - `managers`: only owners and admins write (`governance`: roles and
 *   policies; src-main/storage/governance/governanceDocFormat.ts), except
 *   the `selfMaps`, whose entries each member writes for themself alone
 *   (`consents`; checkGovernanceUpdate.ts), and the `relayMaps`, which no
 *   connection writes: the relay writes them itself for an owner's request
 *   (`erasures`, `retention`; sync-server/erasure/).
 * - `room`: messages are posted as the connected member and changed only by
 *   their author or a holder of `message.delete:any` (checkRoomUpdate.ts).
 * - `meta`: a private room's entry is written by its members, a person's
 *   member entry by that person (checkMetaUpdate.ts).
 * - `appendOnly`: the doc holds only the listed root maps, and their entries
 *   are only ever added: an update that deletes anything, writes a key that
 *   already exists (a Y.Map overwrite deletes the previous value) or nests a
 *   shared type (whose contents could be edited later) is refused. This is
 *   how the client writes `audit`: one new key per record, a plain JSON value
 *   (src-main/domain/audit/AuditService.ts, storage/audit/auditDocFormat.ts).
 */
import { docKindOf, type DocKindName } from '../ws/docNames';
import type { AuthorRules } from './checkAuthoredAppends';

/** What may be written to the docs of one kind. */
export type DocPolicy =
  | { readonly kind: 'open' }
  | { readonly kind: 'appendOnly'; readonly maps: readonly string[]; readonly authors?: AuthorRules }
  | { readonly kind: 'managers'; readonly selfMaps?: readonly string[]; readonly relayMaps?: readonly string[] }
  | { readonly kind: 'room' }
  | { readonly kind: 'meta' };

const OPEN: DocPolicy = { kind: 'open' };

/** The policy of every doc kind the relay serves. */
export const DOC_POLICIES: Readonly<Record<DocKindName, DocPolicy>> = {
  meta: { kind: 'meta' },
  // `consents`: src-main/storage/consents/consentDocFormat.ts (CONSENTS_MAP).
  // `erasures`, `retention`: src-main/common/erasure/erasureRecords.ts, written by the relay alone (docs/erasure.md).
  governance: { kind: 'managers', selfMaps: ['consents'], relayMaps: ['erasures', 'retention'] },
  // The maps of src-main/storage/audit/auditDocFormat.ts (AUDIT_DOC_MAPS; the relay imports only common/, a test compares them).
  // Entries and device keys in the connected member's name only; an entry's device is its writer's (checkAuthoredAppends.ts).
  audit: {
    kind: 'appendOnly',
    maps: ['entries', 'devices'],
    authors: { fields: { entries: 'by', devices: 'user' }, owned: { map: 'entries', field: 'device', keys: 'devices' }, ownerSeeds: true },
  },
  room: { kind: 'room' },
  dh: OPEN,
};

/** The policy of the doc `name`, or null when the relay does not serve that name. */
export function docPolicyOf(name: string): DocPolicy | null {
  const kind = docKindOf(name);
  return kind ? DOC_POLICIES[kind] : null;
}
