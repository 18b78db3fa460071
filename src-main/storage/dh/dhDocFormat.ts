/**
 * Names of a digital human's doc, `dh/<dhId>`. Its root maps belong to the
 * features that write them (`memories`, `tasks`, `knowledge`: each declared
 * in its feature module, each record format next to the code that writes it).
 */

/** The doc name of digital human `dhId`. */
export function dhDocName(dhId: string): string {
  return `dh/${dhId}`;
}

/** The digital human id of doc `docName`, or null when it is not a DH doc. */
export function dhIdOfDoc(docName: string): string | null {
  return docName.startsWith('dh/') ? docName.slice(3) : null;
}
