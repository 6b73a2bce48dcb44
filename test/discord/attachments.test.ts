/**
 * Downloading attachments: only from the allowed hosts and paths, no redirects, the size limit
 * held on the declared length and on the bytes. A local HTTP server plays Discord's CDN.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AttachmentError, attachmentOrigins, checkAttachmentUrl, downloadAttachment } from "../../src/discord/attachments.ts";

describe("attachmentOrigins", () => {
  it("is Discord's attachment hosts by default, and adds DISCORD_API_URL's origin when it points elsewhere", () => {
    expect(attachmentOrigins({})).toEqual(["https://cdn.discordapp.com", "https://media.discordapp.net"]);
    expect(attachmentOrigins({ DISCORD_API_URL: "https://discord.com/api" })).toEqual(["https://cdn.discordapp.com", "https://media.discordapp.net"]);
    expect(attachmentOrigins({ DISCORD_API_URL: "http://127.0.0.1:4567/api" })).toContain("http://127.0.0.1:4567");
  });
});

describe("checkAttachmentUrl", () => {
  const origins = attachmentOrigins({});
  it("accepts attachment paths on Discord's hosts", () => {
    expect(checkAttachmentUrl("https://cdn.discordapp.com/attachments/1/2/a.txt?ex=1&is=2&hm=3", origins).pathname).toBe("/attachments/1/2/a.txt");
    expect(checkAttachmentUrl("https://media.discordapp.net/ephemeral-attachments/1/2/a.md", origins).hostname).toBe("media.discordapp.net");
  });
  it.each([
    ["another host", "https://example.com/attachments/1/2/a.txt"],
    ["a look-alike host", "https://cdn.discordapp.com.example.com/attachments/1/2/a.txt"],
    ["plain http", "http://cdn.discordapp.com/attachments/1/2/a.txt"],
    ["another port", "https://cdn.discordapp.com:8443/attachments/1/2/a.txt"],
    ["credentials", "https://user:pw@cdn.discordapp.com/attachments/1/2/a.txt"],
    ["another path", "https://cdn.discordapp.com/avatars/1/2.png"],
    ["no URL at all", "not a url"],
  ])("refuses %s", (_name, url) => {
    expect(() => checkAttachmentUrl(url, origins)).toThrow(AttachmentError);
  });
});

describe("downloadAttachment", () => {
  let server: http.Server;
  let origin: string;
  const served: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      served.push(req.url ?? "");
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/attachments/1/1/ok.txt") return void res.end("Hello, article.");
      if (url.pathname === "/attachments/1/2/declared-big.txt") {
        res.writeHead(200, { "content-length": "5000" });
        return void res.end("x".repeat(5000));
      }
      if (url.pathname === "/attachments/1/3/streamed-big.txt") {
        res.writeHead(200); // chunked: no declared length
        for (let i = 0; i < 10; i++) res.write("y".repeat(1000));
        return void res.end();
      }
      if (url.pathname === "/attachments/1/4/moved.txt") {
        res.writeHead(302, { location: "http://example.com/attachments/1/1/ok.txt" });
        return void res.end();
      }
      res.writeHead(404);
      res.end("not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const options = () => ({ maxBytes: 2000, origins: [origin] });
  const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as AttachmentError);

  it("returns the bytes of an attachment within the limit", async () => {
    const bytes = await downloadAttachment(`${origin}/attachments/1/1/ok.txt?ex=1`, options());
    expect(Buffer.from(bytes).toString("utf8")).toBe("Hello, article.");
  });

  it("refuses a body declared larger than the limit, and one that turns out larger", async () => {
    expect((await failure(downloadAttachment(`${origin}/attachments/1/2/declared-big.txt`, options())))?.code).toBe("too-large");
    expect((await failure(downloadAttachment(`${origin}/attachments/1/3/streamed-big.txt`, options())))?.code).toBe("too-large");
  });

  it("does not follow redirects, and reports an HTTP error", async () => {
    expect((await failure(downloadAttachment(`${origin}/attachments/1/4/moved.txt`, options())))?.code).toBe("network");
    expect((await failure(downloadAttachment(`${origin}/attachments/1/5/missing.txt`, options())))?.code).toBe("http");
  });

  it("never asks a host that is not allowed", async () => {
    const before = served.length;
    const err = await failure(downloadAttachment(`${origin}/attachments/1/1/ok.txt`, { maxBytes: 2000, origins: attachmentOrigins({}) }));
    expect(err?.code).toBe("bad-host");
    expect(served.length).toBe(before);
  });
});
