/**
 * One refresh at a time across every process that serves the same index folder (the shards of
 * `npm run start:sharded`): a lock file in the index folder, created exclusively, naming who holds
 * it and since when. A lock whose process is gone, or that is older than {@link STALE_LOCK_MS},
 * is taken over, so a crash never blocks refreshes for good.
 */
import { mkdir, open, readFile, unlink } from "node:fs/promises";
import path from "node:path";

export const REFRESH_LOCK_FILE = ".refresh.lock";
/** A refresh that has held the lock this long is presumed dead. */
export const STALE_LOCK_MS = 30 * 60_000;

export interface LockHolder {
  pid: number;
  /** ISO time the refresh started. */
  since: string;
  by: { id?: string; name: string; where?: string };
}

export type LockAttempt = { release: () => Promise<void> } | { heldBy: LockHolder };

/** Lock files this process holds now (another engine of the same process holds a live one). */
const heldHere = new Set<string>();

export async function acquireRefreshLock(indexDir: string, holder: LockHolder, now = Date.now()): Promise<LockAttempt> {
  await mkdir(indexDir, { recursive: true });
  const file = path.join(indexDir, REFRESH_LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, "wx");
      try {
        await handle.writeFile(JSON.stringify(holder));
      } finally {
        await handle.close();
      }
      heldHere.add(file);
      return {
        release: async () => {
          heldHere.delete(file);
          await unlink(file).catch(() => undefined);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const held = await readHolder(file);
    if (held && !isStale(file, held, now)) return { heldBy: held };
    await unlink(file).catch(() => undefined); // stale or unreadable: take it over
  }
  return { heldBy: (await readHolder(file)) ?? { pid: 0, since: new Date(now).toISOString(), by: { name: "another process" } } };
}

/** Whether the lock is free (or stale) now. */
export async function refreshLockFree(indexDir: string, now = Date.now()): Promise<boolean> {
  const file = path.join(indexDir, REFRESH_LOCK_FILE);
  const held = await readHolder(file);
  return !held || isStale(file, held, now);
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const held = JSON.parse(await readFile(file, "utf8")) as Partial<LockHolder>;
    if (typeof held.pid !== "number" || typeof held.since !== "string" || typeof held.by?.name !== "string") return undefined;
    return held as LockHolder;
  } catch {
    return undefined;
  }
}

/** Stale: left by this process (not held now), by a process that is gone, or too old. */
function isStale(file: string, held: LockHolder, now: number): boolean {
  if (held.pid === process.pid) return !heldHere.has(file);
  if (now - Date.parse(held.since) > STALE_LOCK_MS) return true;
  try {
    process.kill(held.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
