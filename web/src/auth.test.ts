import { describe, expect, it } from "vitest";
import { authorizeUrl, challengeOf, redeem, SignInFailed } from "./auth";

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() { return this.items.size; }
  clear() { this.items.clear(); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  key(index: number) { return [...this.items.keys()][index] ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  setItem(key: string, value: string) { this.items.set(key, value); }
}

const config = { sign_in_url: "https://login.example", client_id: "client-1" };

describe("sign-in", () => {
  it("computes the S256 challenge as base64url of the verifier's SHA-256, unpadded", async () => {
    // the expected value computed apart: python3 -c "import hashlib,base64; print(base64.urlsafe_b64encode(hashlib.sha256(b'dBjftJeZ4CVP-mB92K27uhbUJU1p1r7wW1gFr5CIMt').digest()).rstrip(b'='))"
    expect(await challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r7wW1gFr5CIMt")).toBe("0BlxDJ7z__tjXwNSy3oV2S28L2FewpryV08PRwXUiNI");
  });

  it("sends the challenge of the verifier it keeps for the redemption", async () => {
    const store = new MemoryStorage();
    const url = new URL(await authorizeUrl(config, "https://app.example/", store));
    const { verifier, state } = JSON.parse(store.getItem("filepipe.sign-in")!);
    expect(url.origin + url.pathname).toBe("https://login.example/oauth2/authorize");
    expect(url.searchParams.get("code_challenge")).toBe(await challengeOf(verifier));
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("state")).toBe(state);
    expect(url.searchParams.get("redirect_uri")).toBe("https://app.example/");
  });

  it("refuses a code that comes back with another state, without calling the token endpoint", async () => {
    const store = new MemoryStorage();
    await authorizeUrl(config, "https://app.example/", store);
    let called = false;
    const fetcher = (async () => { called = true; return new Response("{}"); }) as typeof fetch;
    await expect(redeem(config, new URL("https://app.example/?code=abc&state=forged"), store, fetcher)).rejects.toThrow(SignInFailed);
    expect(called).toBe(false);
  });

  it("redeems the code with its verifier and keeps the id token", async () => {
    const store = new MemoryStorage();
    const url = new URL(await authorizeUrl(config, "https://app.example/", store));
    const { verifier } = JSON.parse(store.getItem("filepipe.sign-in")!);
    const payload = btoa(JSON.stringify({ "cognito:username": "alice" })).replace(/=+$/, "");
    let sent: URLSearchParams | undefined;
    const fetcher = (async (_: string, init: RequestInit) => {
      sent = init.body as URLSearchParams;
      return new Response(JSON.stringify({ id_token: `h.${payload}.s`, expires_in: 3600 }));
    }) as unknown as typeof fetch;
    const session = await redeem(config, new URL(`https://app.example/?code=abc&state=${url.searchParams.get("state")}`), store, fetcher);
    expect(session.username).toBe("alice");
    expect(sent!.get("code_verifier")).toBe(verifier);
    expect(store.getItem("filepipe.sign-in")).toBeNull();
  });
});
