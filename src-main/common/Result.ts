/**
 * The envelope every call returns at a process boundary (IPC, browser host).
 * Inside the core, code throws; only boundaries convert to this shape.
 */
import type { WireError } from './AppError';

/** Success or a typed error; never both. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };
