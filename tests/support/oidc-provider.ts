import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ROOT } from "./process";

// A real OpenID Connect provider process for the single-sign-on tests: the certified `oidc-provider`
// package, run by tests/support/oidc-provider-process.mjs in a child process of its own.

export interface TestProviderClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  token_endpoint_auth_method?: "client_secret_post" | "client_secret_basic" | "none";
}

export interface TestProvider {
  issuer: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the provider on a free port with the given clients and accounts (account id → claims, e.g.
 * { email, email_verified, name, groups }); `wrongAudience` makes it sign ID tokens for another
 * audience. Resolves with its issuer once it listens.
 */
export async function startOidcProvider(o: {
  clients: TestProviderClient[];
  accounts: Record<string, Record<string, unknown>>;
  wrongAudience?: string;
}): Promise<TestProvider> {
  const child = spawn(process.execPath, [path.join(ROOT, "tests/support/oidc-provider-process.mjs")], {
    cwd: ROOT,
    env: { ...process.env, OIDC_TEST_CONFIG: JSON.stringify(o) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const issuer = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on("data", (d: Buffer) => (out += d));
    child.on("exit", (code) => reject(new Error(`OIDC-Testanbieter beendet (${code}):\n${out}`)));
  });
  return {
    issuer,
    child,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}

/** The action and fields of the first form on a page (the provider's login, consent and logout pages). */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`Kein Formular:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of form[2].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? "";
    if (name) fields[name] = value.replace(/&amp;/g, "&");
  }
  return { action: form[1].replace(/&amp;/g, "&"), fields };
}

/** A browser's cookie jar for the provider's own origin (its interaction and session cookies). */
export class ProviderBrowser {
  cookies = new Map<string, string>();
  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const k = pair.slice(0, i);
      const v = pair.slice(i + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || v === "") this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
  }
  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async get(url: string) {
    const res = await fetch(url, { headers: { cookie: this.header() }, redirect: "manual" });
    this.store(res);
    return res;
  }
  async post(url: string, fields: Record<string, string>) {
    const res = await fetch(url, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { cookie: this.header(), "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    this.store(res);
    return res;
  }
}
