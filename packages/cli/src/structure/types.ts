/** A file whose structure is broken: one problem at the first error (ESLint's fatal parsing error). */
export interface StructureProblem {
  message: string;
  /** UTF-16 offset in the text. */
  offset: number;
}
