/**
 * Messages for capture, import and export (popup → service worker), merged into MessageMap in
 * extension/messages.ts. Only type imports from there: that module imports the validators below.
 */
import type { OtpType } from '../../crypto-core/entry';
import { type Check, none, obj, oneOf, str } from '../message-checks';
import type { CodeInfo } from '../messages';
import type { CommitOutcome } from './commit';
import type { DuplicatePolicy } from './duplicates';
import type { ScanSource } from './pending';
import type { ScanStart } from './scan';

export type { CommitOutcome } from './commit';
export type { DuplicatePolicy } from './duplicates';
export type { ScanStart } from './scan';

/** One account found by a scan, as the popup shows it (no secret; a live code to compare with the site). */
export interface ScanPreview {
  index: number;
  type: OtpType;
  issuer: string;
  account: string;
  domains: string[];
  code: CodeInfo;
}

/** A scan waiting for the user's confirmation. */
export interface PendingScan {
  source: ScanSource;
  previews: ScanPreview[];
  /** "label: reason" for codes or accounts that could not be read */
  errors: string[];
  /** texts of codes that are not 2FA setup codes */
  others: string[];
}

/** A file import: ask about duplicates, or what was done with labels of entries that failed. */
export type ImportOutcome =
  | { status: 'duplicates'; format: string; duplicates: number; total: number }
  | {
      status: 'done';
      format: string;
      added: number;
      replaced: number;
      skipped: number;
      errors: { label: string; message: string }[];
    };

export type PlainExportFormat = 'otpauth' | 'aegis';

export interface CaptureMessageMap {
  /** Scan the active tab (popup button). */
  'capture.scan': { req: Record<string, never>; res: ScanStart };
  /** Decode an image shown in the active tab (the image context menu's handler). */
  'capture.image': { req: { srcUrl: string }; res: { found: number } };
  /** Decode an image pasted, dropped or picked in the popup (base64 bytes). */
  'capture.decodeImage': { req: { data: string }; res: { found: number } };
  'capture.pending': { req: Record<string, never>; res: PendingScan | null };
  /** Adds the picked accounts of the pending scan; without `duplicates`, stops to ask if any. */
  'capture.add': {
    /** `domains` replaces the sites the picked accounts fill on (the user edited the pre-filled one) */
    req: { pick: number[]; duplicates?: DuplicatePolicy; domains?: string[] };
    res: CommitOutcome;
  };
  'capture.discard': { req: Record<string, never>; res: null };
  /** Imports a file from another app (format detected); progress arrives as IMPORT_PROGRESS_EVENT. */
  'import.file': {
    req: { data: string; encoding: 'utf8' | 'base64'; password?: string; duplicates?: DuplicatePolicy };
    res: ImportOutcome;
  };
  /** Unencrypted export: every secret in the clear (the popup makes the user confirm first). */
  'export.plain': { req: { format: PlainExportFormat }; res: { fileName: string; text: string } };
  /** Google Authenticator migration QR codes for every entry the format can hold. */
  'export.migration': {
    req: Record<string, never>;
    res: { uris: string[]; skipped: { label: string; reason: string }[] };
  };
  /** One entry's otpauth:// URI, for its on-screen QR code. */
  'export.entryUri': { req: { id: string }; res: { uri: string; label: string } };
}

/** Sent by the worker while a long import runs: { event, done, total }. */
export const IMPORT_PROGRESS_EVENT = 'ward.importProgress';

const policy = oneOf('skip', 'replace', 'keep');
const domainList: Check = (v) => Array.isArray(v) && v.length <= 50 && v.every(str(253));
const picks: Check = (v) =>
  Array.isArray(v) && v.length <= 5000 && v.every((i) => Number.isSafeInteger(i) && i >= 0);

/** Body validators for CaptureMessageMap, spread into messages.ts's table. */
export const captureBodies: { [T in keyof CaptureMessageMap]: Check } = {
  'capture.scan': none,
  'capture.image': obj({ srcUrl: str(64 * 1024) }),
  // 8 MB of image as base64
  'capture.decodeImage': obj({ data: str(11 * 1024 * 1024) }),
  'capture.pending': none,
  'capture.add': obj({ pick: picks, duplicates: policy, domains: domainList }, ['duplicates', 'domains']),
  'capture.discard': none,
  'import.file': obj(
    {
      data: str(44 * 1024 * 1024),
      encoding: oneOf('utf8', 'base64'),
      password: str(1024),
      duplicates: policy,
    },
    ['password', 'duplicates'],
  ),
  'export.plain': obj({ format: oneOf('otpauth', 'aegis') }),
  'export.migration': none,
  'export.entryUri': obj({ id: str(64) }),
};
