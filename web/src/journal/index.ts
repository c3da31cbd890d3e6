export {
  createJournal,
  EntryNotFoundError,
  EntryNotReadyError,
  INDEX_DOC_ID,
  UNDO_MS,
  type JournalControl,
} from "./journal";
export { configureAutomergeWasm, ensureAutomerge } from "./automerge";
export { ImportError, EXPORT_FORMAT } from "./export";
export type { RemoteChunk, Session } from "./doc-store";
