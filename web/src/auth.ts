// Sign-in with the authorization-code flow and PKCE (RFC 7636), against Cognito's domain on AWS and
// the local token issuer's copy of its endpoints. No client secret; the tokens live in this module's
// memory only (never in storage), so a reload signs in again (the sign-in page's session makes that
// one redirect). Only the state and the PKCE verifier of a sign-in under way wait in sessionStorage,
// because the redirect to the sign-in page and back unloads this page.

export interface AppConfig {
  sign_in_url: string | null;
  client_id: string;
}

export interface Session {
  idToken: string;
  username: string;
  expiresAt: number;
}

const PENDING = "filepipe.sign-in";

function base64url(bytes: Uint8Array): string {
  let text = "";
  bytes.forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function randomVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge of a verifier: BASE64URL(SHA-256(verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Where the sign-in page sends the browser back: this page, without query or fragment. */
export function redirectUri(location: Location | URL): string {
  return location.origin + "/";
}

export async function authorizeUrl(config: AppConfig, redirect: string, store: Storage): Promise<string> {
  const verifier = randomVerifier();
  const state = randomVerifier();
  store.setItem(PENDING, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: config.client_id,
    redirect_uri: redirect,
    scope: "openid email profile",
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: "S256",
  });
  return `${config.sign_in_url}/oauth2/authorize?${query}`;
}

export class SignInFailed extends Error {}

/** Redeems the code the sign-in page sent back; refuses a state this page did not send. */
export async function redeem(config: AppConfig, url: URL, store: Storage, fetcher: typeof fetch = fetch): Promise<Session> {
  const pending = store.getItem(PENDING);
  store.removeItem(PENDING);
  const error = url.searchParams.get("error");
  if (error) {
    throw new SignInFailed(`sign-in failed: ${url.searchParams.get("error_description") ?? error}`);
  }
  const code = url.searchParams.get("code");
  const { verifier, state } = pending ? JSON.parse(pending) : { verifier: null, state: null };
  if (!code || !verifier || url.searchParams.get("state") !== state) {
    throw new SignInFailed("this sign-in was not started here or has expired; sign in again");
  }
  const response = await fetcher(`${config.sign_in_url}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: config.client_id,
      code,
      redirect_uri: redirectUri(url),
      code_verifier: verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.id_token !== "string") {
    throw new SignInFailed(`sign-in failed: ${body.error_description ?? body.error ?? response.status}`);
  }
  return sessionOf(body.id_token, body.expires_in);
}

export function sessionOf(idToken: string, expiresIn: number): Session {
  const payload = idToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
  return {
    idToken,
    username: claims["cognito:username"] ?? claims.email ?? claims.sub,
    expiresAt: Date.now() + expiresIn * 1000,
  };
}

export function logoutUrl(config: AppConfig, redirect: string): string {
  const query = new URLSearchParams({ client_id: config.client_id, logout_uri: redirect });
  return `${config.sign_in_url}/logout?${query}`;
}
