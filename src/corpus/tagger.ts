/**
 * The part-of-speech tagger of the `compromise` library, loaded once per process on first use:
 * its single-file CommonJS build loads in about half the time of its ESM sources (hundreds of
 * modules). Cleaning, actor extraction and question reading share it.
 */
import { createRequire } from "node:module";

export type Compromise = (text: string) => { json(opts?: object): unknown };

let tagger: Compromise | undefined;

export function compromise(): Compromise {
  tagger ??= createRequire(import.meta.url)("compromise/two") as Compromise;
  return tagger;
}

/** The words of `text` with their part-of-speech tags ("Noun", "Verb", "Value", …), in order. */
export function tagWords(text: string): Array<{ text: string; tags: ReadonlySet<string> }> {
  const sentences = compromise()(text).json() as Array<{ terms: Array<{ text: string; tags: string[] }> }>;
  return sentences.flatMap((s) => s.terms.map((t) => ({ text: t.text, tags: new Set(t.tags) })));
}
