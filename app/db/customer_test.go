package db_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func TestFindCustomerAndIsFollowing(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c, other := newCorp(t, d, "ww_panel"), newCorp(t, d, "ww_panel_other")
		s := db.NewDirectoryStore(d)
		directoryFixture(t, s, c.ID)

		got, err := s.FindCustomer(ctx, c.ID, "wm0")
		require.NoError(t, err)
		assert.Equal(t, "客户wm0", got.Name)
		_, err = s.FindCustomer(ctx, other.ID, "wm0")
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "another corp's customer is not found")

		for _, tc := range []struct {
			name         string
			corp         int64
			userID, ext  string
			wantFollowed bool
		}{
			{"Active", c.ID, "guide1", "wm0", true},
			{"Ended", c.ID, "guide1", "wm1", false},
			{"OtherMember", c.ID, "guide2", "wm2", false},
			{"OtherCorp", other.ID, "guide1", "wm0", false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ok, err := s.IsFollowing(ctx, tc.corp, tc.userID, tc.ext)
				require.NoError(t, err)
				assert.Equal(t, tc.wantFollowed, ok)
			})
		}
	})
}
