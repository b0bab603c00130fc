// A real OpenID Connect provider (the certified `oidc-provider` package) in a process of its own, for
// the single-sign-on tests (tests/support/oidc-provider.ts starts it). Configured by the JSON in
// OIDC_TEST_CONFIG: { clients: [...], accounts: { id: claims }, wrongAudience?: string }.
// Prints "LISTENING <issuer>" once it answers. Its dev interactions are plain HTML forms (login with any
// account id, then consent), which the tests submit like a browser without JavaScript.
import http from "node:http";
import Provider from "oidc-provider";
import { exportJWK, generateKeyPair, SignJWT, decodeJwt } from "jose";

const cfg = JSON.parse(process.env.OIDC_TEST_CONFIG ?? "{}");
const { privateKey } = await generateKeyPair("RS256", { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };

const server = http.createServer();
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: cfg.clients,
  jwks: { keys: [jwk] },
  cookies: { keys: ["oidc-test-cookie-key-0123456789"] },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name"],
    groups: ["groups"],
  },
  // The claims go into the ID token itself (as Entra ID and ADFS do), not only the userinfo endpoint.
  conformIdTokenClaims: false,
  findAccount: async (_ctx, id) => {
    const claims = cfg.accounts?.[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AuthorizationCode: 60, IdToken: 600, AccessToken: 600 },
});

// A misbehaving provider for the refusal test: the ID token it issues names another audience (re-signed
// with its real key, so only the audience is wrong).
if (cfg.wrongAudience) {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === "/token" && ctx.body && typeof ctx.body === "object" && ctx.body.id_token) {
      const payload = { ...decodeJwt(ctx.body.id_token), aud: cfg.wrongAudience };
      ctx.body = {
        ...ctx.body,
        id_token: await new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: jwk.kid }).sign(privateKey),
      };
    }
  });
}

server.on("request", provider.callback());
process.stdout.write(`LISTENING ${issuer}\n`);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
