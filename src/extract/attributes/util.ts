// What every attribute extractor shares: its signature, text clean-up, and the step from a value
// (or none) to the attributes it adds.
import type { Attributes } from '../../schema.js';

export interface AttributeContext {
  /** the whole document text, for look-ups outside the clause (definitions, the preamble) */
  docText: string;
  start: number;
  end: number;
}

export type AttributeExtractor = (clauseText: string, ctx: AttributeContext) => Attributes;

/** One line of text: runs of white space (and PDF underline dashes) become one space. */
export function norm(text: string): string {
  return text.replace(/-{3,}/g, ' ').replace(/\s+/g, ' ');
}

type Value = Attributes[string];

/** An extractor that sets `key` to what `read` finds, and nothing when it finds nothing. */
export function valueOf(
  key: string,
  read: (text: string, ctx: AttributeContext) => Value | undefined,
): AttributeExtractor {
  return (text, ctx) => {
    const v = read(text, ctx);
    return v === undefined || v === null ? {} : { [key]: v };
  };
}
