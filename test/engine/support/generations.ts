/** Generations of a persisted index in the crash test, told apart by their build time. */
import type { Library, Manifest } from "../../../src/search/library.js";

const EPOCH = Date.UTC(2001, 0, 1);

export function builtAtOfGeneration(generation: number): string {
  return new Date(EPOCH + generation * 1000).toISOString();
}

export function generationOfBuiltAt(builtAt: string): number {
  return (Date.parse(builtAt) - EPOCH) / 1000;
}

/** The same library with another manifest (everything else is shared with `library`). */
export function withManifest(library: Library, manifest: Manifest): Library {
  return Object.create(library, { manifest: { value: manifest, enumerable: true } }) as Library;
}
