/** One table of `npm run bench`: each file in bench/sections/ default-exports a function returning these. */
export interface BenchSection {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** sentences printed under the table: goals met or missed, what was compared with what */
  notes?: string[];
}

export type BenchRunner = () => Promise<BenchSection | BenchSection[]>;
