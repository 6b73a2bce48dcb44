import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { REDACTED, createLogger } from "../src/log.js";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789";

/** A logger writing into an array of lines. */
function capture(opts?: Parameters<typeof createLogger>[2]) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { log: createLogger("info", sink, opts), lines };
}

describe("the logger", () => {
  it("censors the token at every path that may carry it", () => {
    const { log, lines } = capture();
    const config = loadConfig({ DISCORD_TOKEN: TOKEN, SEEDS_DIR: "/tmp/articles" });
    log.info({ token: TOKEN }, "token at the top");
    log.info({ DISCORD_TOKEN: TOKEN }, "setting at the top");
    log.info({ config }, "the whole config");
    log.info({ client: { token: TOKEN } }, "a client");
    log.info({ rest: { options: { token: TOKEN } } }, "nested options");
    log.info({ req: { headers: { authorization: `Bot ${TOKEN}` } } }, "a request");
    log.info({ err: { request: { headers: { Authorization: `Bot ${TOKEN}` } } } }, "an error with its request");
    expect(lines).toHaveLength(7);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).toContain(REDACTED);
    }
    // The rest of the object is still logged.
    expect(JSON.parse(lines[2]!).config.SEEDS_DIR).toBe(config.SEEDS_DIR);
  });

  it("masks interaction and webhook tokens inside API URLs (a failed REST call's error carries its url)", () => {
    const { log, lines } = capture();
    const interactionToken = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXRwYXJ0";
    log.error({ err: { url: `https://discord.com/api/v10/webhooks/123456789012345678/${interactionToken}/messages/%40original` } }, "edit failed");
    log.error(`POST /api/v10/interactions/987654321098765432/${interactionToken}/callback failed`);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(interactionToken);
      expect(line).toContain(REDACTED);
    }
    expect(lines[0]).toContain("webhooks/123456789012345678/[redacted]/messages");
  });

  it("masks the token anywhere in a line when it is given as a secret", () => {
    const { log, lines } = capture({ secrets: [TOKEN] });
    log.info(`connecting with ${TOKEN}`);
    log.info({ a: { b: { c: { d: { key: TOKEN } } } } }, "deep");
    log.error({ err: new Error(`login failed for Bot ${TOKEN}`) }, "failed");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).toContain(REDACTED);
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  it("ignores missing or too short secrets instead of masking common text", () => {
    const { log, lines } = capture({ secrets: [undefined, "a"] });
    log.info("a plain line");
    expect(JSON.parse(lines[0]!).msg).toBe("a plain line");
  });
});
