// A real OpenID Connect provider on loopback for the SSO tests (npm "oidc-provider",
// certified by the OpenID Foundation). Not a mock: discovery, authorisation with PKCE,
// code exchange, signed ID tokens, JWKS and userinfo are the package's own.
//
//   node tests/sso/provider.mjs CONFIG.json
//
// CONFIG: {"port": 0, "client": {"client_id", "client_secret", "redirect_uris": [...]},
//          "accounts": {"<login>": {"email", "email_verified", "amr": [...], "acr"}}}
// The sign-in page asks for a login (one of "accounts"); the account's amr/acr go into
// the ID token as if the person had signed in that way. Prints "listening <issuer>".
import http from "node:http";
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readForm(req) {
  let data = "";
  for await (const chunk of req) data += chunk;
  return Object.fromEntries(new URLSearchParams(data));
}

const server = http.createServer();
server.listen(config.port || 0, "127.0.0.1", () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...config.client, grant_types: ["authorization_code"], response_types: ["code"] }],
    // acr and amr come with the openid scope, as Entra ID and AD FS send them.
    claims: {
      sid: null,
      openid: ["sub", "acr", "amr", "auth_time"],
      email: ["email", "email_verified"],
      profile: ["name"],
    },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    async findAccount(ctx, sub) {
      const account = config.accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: account.email, email_verified: account.email_verified, name: sub };
        },
      };
    },
    // A first-party provider: the client may have what it asks for, without a consent page.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["rkkp-test-provider-cookie-key"] },
  });
  const callback = provider.callback();

  server.on("request", async (req, res) => {
    const match = req.url.match(/^\/interaction\/([^/?]+)/);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "GET") {
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        return res.end(
          page(
            "Test identity provider",
            `<form method="post" action="/interaction/${escape(details.uid)}">` +
              `<label for="login">Login</label> <input id="login" name="login" autofocus>` +
              `<button type="submit">Sign in</button></form>`,
          ),
        );
      }
      const { login } = await readForm(req);
      const account = config.accounts[login];
      if (!account) {
        res.statusCode = 400;
        return res.end(page("Unknown login", `<p>${escape(login)}</p>`));
      }
      const result = { login: { accountId: login, amr: account.amr || ["pwd"], acr: account.acr } };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  console.log(`listening ${issuer}`);
});
