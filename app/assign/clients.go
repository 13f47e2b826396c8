package assign

import (
	"context"

	"github.com/siyu-scrm/siyu/wecom"
)

// ContactClients is a registry of corps' WeCom clients (directory's
// CorpClients is one).
type ContactClients interface {
	ContactClient(ctx context.Context, corpID int64) (*wecom.Client, error)
}

// ClientsOf narrows a registry of WeCom clients to what assignment uses.
func ClientsOf(r ContactClients) Clients { return registry{r} }

type registry struct{ r ContactClients }

func (g registry) Client(ctx context.Context, corpID int64) (WeCom, error) {
	return g.r.ContactClient(ctx, corpID)
}
