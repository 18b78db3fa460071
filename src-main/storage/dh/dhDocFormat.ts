/**
 * Names and root types of a digital human's doc, `dh/<dhId>`: its
 * `memories`, its `tasks` and its `knowledge` metadata. Each map's record
 * format lives next to the code that writes it (memory/, dh/).
 */

/** The root maps of a `dh/<id>` doc. */
export const DH_DOC_MAPS = ['memories', 'tasks', 'knowledge'] as const;

/** The doc name of digital human `dhId`. */
export function dhDocName(dhId: string): string {
  return `dh/${dhId}`;
}

/** The digital human id of doc `docName`, or null when it is not a DH doc. */
export function dhIdOfDoc(docName: string): string | null {
  return docName.startsWith('dh/') ? docName.slice(3) : null;
}
