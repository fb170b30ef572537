// A real OpenID Connect provider for the browser tests (panva/oidc-provider, development
// interactions: any login name signs in as that user). Never for production use.
// Usage: node provider.mjs PORT REDIRECT_URI CLIENT_SECRET
import Provider from 'oidc-provider';

const [port, redirectUri, clientSecret] = process.argv.slice(2);

const provider = new Provider(`http://localhost:${port}`, {
  clients: [{
    client_id: 'hnparks-dashboard',
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
  },
  conformIdTokenClaims: false, // the ID token carries the profile and e-mail claims
  features: { devInteractions: { enabled: true } },
  cookies: { keys: [clientSecret] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@hnparks.test`, email_verified: true, name: id,
                 preferred_username: id };
      },
    };
  },
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider ready on ${port}`));
