package wecom

import "github.com/siyu-scrm/siyu/app"

// ClientFor builds a client for corp's credentials as given — the
// customer-contact secret's, or with agent the self-built app's — on the
// registry's Redis and options but outside its cache: the connectivity
// check tests the credentials stored now, not those a cached client was
// built from up to clientRecheck ago. The token cache is still shared
// (it is keyed by secret), so a check fetches no token a worker holds.
func (r *Registry) ClientFor(corp *app.Corp, agent bool) (*Client, error) {
	return r.build(corp, agent)
}
