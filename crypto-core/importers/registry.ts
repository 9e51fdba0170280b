/** The importers `importFile` asks, one line per format. */
import type { Importer } from './types';

// note: keep this list sorted by id. Each importer lives in its own file beside this one.
export const IMPORTERS: readonly Importer[] = [];
