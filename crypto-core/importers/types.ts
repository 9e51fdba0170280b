/** Importer: the stages every foreign-format reader goes through (read → decrypt? → convert). */
import type { Entry } from '../entry';

/** The file once, pre-decoded, so each importer's `detect` does not parse it again. */
export interface ImportInput {
  bytes: Uint8Array;
  /** the bytes as UTF-8 text, or null when they are not valid UTF-8 */
  text: string | null;
  /** JSON.parse(text), or undefined when the text is not JSON */
  json: unknown;
}

/** One entry that could not be imported. Never carries the raw line: it may hold a secret. */
export interface ImportEntryError {
  /** 0-based position of the entry in the source file */
  index: number;
  /** issuer/account when known, else "entry N" */
  label: string;
  message: string;
}

export interface ImportResult {
  entries: Entry[];
  errors: ImportEntryError[];
}

export interface ImportOptions {
  password?: string;
  /** called with (done, total) while a long import works, e.g. per decrypted entry */
  onProgress?: (done: number, total: number) => void;
}

export interface Importer<State = unknown> {
  /** stable id, kebab-case: 'aegis', 'twofas', 'ward-backup', ... */
  id: string;
  /** what the user sees: "Aegis (plain or encrypted)" */
  label: string;
  /** confidence that `input` is this format: 0 = no, 1 = certain (a magic header or schema marker) */
  detect(input: ImportInput): number;
  /** parse the container; throws WardError('corrupt') when it is this format but broken */
  read(input: ImportInput): State;
  /** true when `decrypt` must run before `convert` */
  isEncrypted?(state: State): boolean;
  /** throws WardError('bad-password') on a wrong password, ('corrupt') on tampered data */
  decrypt?(state: State, password: string, options: ImportOptions): Promise<State>;
  /** turn the (decrypted) state into entries; a bad entry goes to `errors`, the rest continue */
  convert(state: State): ImportResult;
}
