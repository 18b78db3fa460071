/**
 * Sends a file picked or dropped by the user to the knowledge base. A
 * small file goes in one call; a larger one in parts of PART_BYTES, so
 * each message stays under the browser host's frame limit, then is
 * imported by its upload id. The core reads and checks the content.
 */
import type { KnowledgeDocument } from '../../../src-main/common/contract';
import type { Api } from '../../lib/api';

/** Largest file the knowledge base takes (the contract's KNOWLEDGE_FILE_MAX_BYTES). */
export const KNOWLEDGE_MAX_BYTES = 20 * 1024 * 1024;
/** Bytes per part (the contract's KNOWLEDGE_UPLOAD_PART_MAX_BYTES). */
const PART_BYTES = 512 * 1024;

/** The file types the picker offers. */
export const KNOWLEDGE_ACCEPT = '.md,.markdown,.txt,.text,.html,.htm,.pdf,text/markdown,text/plain,text/html,application/pdf';

/** Base64 of `bytes`, built in slices (a spread of millions of arguments would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function importKnowledgeFile(api: Api, workspaceId: string, scope: string, file: File): Promise<KnowledgeDocument> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const base = { workspaceId, scope, fileName: file.name, ...(file.type ? { mime: file.type.slice(0, 100) } : {}) };
  if (bytes.length <= PART_BYTES) return api.invoke('knowledge.import', { ...base, contentBase64: toBase64(bytes) });
  const uploadId = crypto.randomUUID().replace(/-/g, '');
  for (let offset = 0; offset < bytes.length; offset += PART_BYTES) {
    await api.invoke('knowledge.uploadPart', { workspaceId, uploadId, offset, dataBase64: toBase64(bytes.subarray(offset, offset + PART_BYTES)) });
  }
  return api.invoke('knowledge.import', { ...base, uploadId });
}
