package wecom_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// One sandbox serves the whole test binary, each test on its own corp:
// wecom.Install is process-wide, as the SDK's settings are.
var (
	sb     *sandbox.Sandbox
	sbBase string
)

func TestMain(m *testing.M) {
	sb = sandbox.New(sandbox.Options{})
	base, err := sb.Start("")
	sbBase = base
	if err == nil {
		err = wecom.Install(base, base, wecom.NewHTTPClient(5*time.Second))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	_ = sb.Close()
	os.Exit(code)
}

// fastBackoff keeps retries quick; the policy itself is tested in
// retry_internal_test.go.
func fastBackoff() wecom.Backoff {
	return wecom.Backoff{Attempts: 6, Base: 2 * time.Millisecond, Max: 20 * time.Millisecond}
}

// newCorp adds a sandbox corp of its own for each test (and each Redis
// kind, and each -count run), so tests never share corp state or tokens.
func newCorp(t *testing.T) *sandbox.Corp {
	t.Helper()
	c, err := sb.AddCorp(sandbox.NewCorpConfig(testkit.RandomName("ww")))
	require.NoError(t, err)
	return c
}

// newClient returns a client for corp's customer-contact secret.
func newClient(t *testing.T, r *kv.Redis, corp *sandbox.Corp, opts ...wecom.Option) *wecom.Client {
	t.Helper()
	cfg := corp.Config()
	opts = append([]wecom.Option{wecom.WithBackoff(fastBackoff())}, opts...)
	c, err := wecom.NewClient(r.Client, wecom.Corp{ID: cfg.CorpID, Secret: cfg.ContactSecret}, opts...)
	require.NoError(t, err)
	return c
}

// seedCustomers adds a member with n customers and returns their ids.
func seedCustomers(t *testing.T, corp *sandbox.Corp, userID string, n int) []string {
	t.Helper()
	require.NoError(t, corp.AddMember(sandbox.Member{UserID: userID, Name: userID, ContactEnabled: true}))
	ids := make([]string, n)
	for i := range ids {
		ids[i] = corp.PutCustomer(sandbox.Customer{})
		require.NoError(t, corp.PutFollow(sandbox.Follow{UserID: userID, ExternalUserID: ids[i], State: "store-1"}))
	}
	return ids
}

// errcodes lists the errcodes the sandbox answered for api, in order.
func errcodes(corp *sandbox.Corp, api string) []int {
	var out []int
	for _, c := range corp.CallsTo(api) {
		out = append(out, c.ErrCode)
	}
	return out
}
