/**
 * Downloading a file a member attached to a command, carefully: only from Discord's attachment
 * hosts (an attachment's URL comes from the interaction, but it is checked anyway, so the bot is
 * never made to fetch an arbitrary address), no redirects, a time limit, and the size limit checked
 * on the declared `Content-Length` and again on the bytes as they arrive (a download stops as soon
 * as it is too large).
 *
 * Discord serves attachments from `cdn.discordapp.com` and `media.discordapp.net`. When
 * `DISCORD_API_URL` points elsewhere (a test stand-in, a proxy), its origin serves them too.
 */
import { DISCORD_API_DEFAULT, type Config } from "../config.js";
import { formatBytes } from "../corpus/articles-folder.js";

export const ATTACHMENT_DEFAULTS = {
  /** A download not finished after this long is abandoned. */
  timeoutMs: 20_000,
} as const;

/** Discord's attachment hosts. */
export const DISCORD_CDN_ORIGINS: readonly string[] = ["https://cdn.discordapp.com", "https://media.discordapp.net"];

/** The URL paths attachments live under on those hosts. */
const ATTACHMENT_PATHS = ["/attachments/", "/ephemeral-attachments/"];

export type AttachmentErrorCode = "bad-host" | "too-large" | "http" | "network" | "timeout";

/** Why a download was refused or failed; `message` can be shown to the member as it is. */
export class AttachmentError extends Error {
  override name = "AttachmentError";
  constructor(
    readonly code: AttachmentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface DownloadOptions {
  /** Largest download accepted, in bytes. */
  maxBytes: number;
  /** Origins (`https://host[:port]`) attachments may be downloaded from; see {@link attachmentOrigins}. */
  origins: readonly string[];
  timeoutMs?: number;
}

/** The origins attachments may come from with these settings. */
export function attachmentOrigins(config: Pick<Config, "DISCORD_API_URL">): string[] {
  const origins = new Set(DISCORD_CDN_ORIGINS);
  const api = config.DISCORD_API_URL;
  if (api && new URL(api).origin !== new URL(DISCORD_API_DEFAULT).origin) origins.add(new URL(api).origin);
  return [...origins];
}

/** The attachment URL, parsed, if it is on one of `origins` under an attachment path; else an {@link AttachmentError}. */
export function checkAttachmentUrl(url: string, origins: readonly string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AttachmentError("bad-host", "The attachment has no valid address.");
  }
  const onHost = origins.includes(parsed.origin) && !parsed.username && !parsed.password;
  if (!onHost || !ATTACHMENT_PATHS.some((p) => parsed.pathname.startsWith(p))) {
    throw new AttachmentError("bad-host", "The attachment is not on Discord's attachment servers, so it was not downloaded.");
  }
  return parsed;
}

/** Download an attachment's bytes (see the module comment for the checks). */
export async function downloadAttachment(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const target = checkAttachmentUrl(url, options.origins);
  const tooLarge = () => new AttachmentError("too-large", `The file is larger than the limit of ${formatBytes(options.maxBytes)}.`);
  const timeoutMs = options.timeoutMs ?? ATTACHMENT_DEFAULTS.timeoutMs;
  let response: Response;
  try {
    response = await fetch(target, { redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw fetchFailure(err, timeoutMs);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new AttachmentError("http", `Discord did not hand over the file (HTTP ${response.status}); try attaching it again.`);
  }
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    if (response.body) {
      for await (const chunk of response.body) {
        received += chunk.byteLength;
        if (received > options.maxBytes) throw tooLarge(); // leaving the loop cancels the download
        chunks.push(chunk);
      }
    }
  } catch (err) {
    if (err instanceof AttachmentError) throw err;
    throw fetchFailure(err, timeoutMs);
  }
  return Buffer.concat(chunks, received);
}

function fetchFailure(err: unknown, timeoutMs: number): AttachmentError {
  const name = (err as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError")
    return new AttachmentError("timeout", `Downloading the file took longer than ${Math.round(timeoutMs / 1000)} s; try again.`);
  return new AttachmentError("network", "The file could not be downloaded from Discord; try attaching it again.");
}

