package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

func TestReviewsHelp(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains []string
	}{
		{[]string{"help"}, 0, []string{"reviews", "reviews forget --email E"}},
		{[]string{"reviews", "--help"}, 0, []string{"forget"}},
		{[]string{"reviews"}, 2, []string{"forget", "missing subcommand"}},
		{[]string{"reviews", "purge"}, 2, []string{"unknown subcommand"}},
		{[]string{"reviews", "forget", "--help"}, 0, []string{"--email", "--db", "audit log", "cannot be undone"}},
		{[]string{"reviews", "forget"}, 2, []string{"--email"}},
		{[]string{"reviews", "forget", "--email", "not-an-address"}, 2, []string{"--email"}},
		{[]string{"reviews", "forget", "--email", "a@b.c", "extra"}, 2, []string{"unexpected argument"}},
	}
	for _, tc := range tests {
		code, out, errs := run(t, "", tc.args...)
		if code != tc.code {
			t.Errorf("newsdesk %v: exit %d, want %d (%s%s)", tc.args, code, tc.code, out, errs)
		}
		for _, want := range tc.contains {
			if !strings.Contains(out+errs, want) {
				t.Errorf("newsdesk %v: output lacks %q: %s%s", tc.args, want, out, errs)
			}
		}
	}
}

func TestReviewsForget(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "site.db")
	st := sitekit.Demo(t, db)
	arts, err := st.PublicArticles(ctx, content.ListQuery{Language: "en", Limit: 2}, time.Now())
	if err != nil || len(arts) < 2 {
		t.Fatalf("demo stories: %d, %v", len(arts), err)
	}
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		for i, r := range []struct {
			email, status string
			article       int64
		}{
			{"a@b.c", "approved", arts[0].ID}, {"a@b.c", "pending", arts[0].ID}, {"a@b.c", "spam", arts[1].ID},
			{"other@b.c", "approved", arts[0].ID}, {"", "approved", arts[1].ID},
		} {
			if _, err := tx.CreateReview(ctx, review.Review{ArticleID: r.article, Name: "Reader", Email: r.email, Rating: 4,
				Text: "A review, number " + string(rune('0'+i)) + ".", Status: r.status, CreatedAt: time.Now()}); err != nil {
				return err
			}
		}
		return tx.TrustReviewer(ctx, "a@b.c", 0, time.Now())
	})
	if err != nil {
		t.Fatal(err)
	}

	code, out, errs := run(t, "", "reviews", "forget", "--db", db, "--email", " A@B.c ")
	if code != 0 || out != "Deleted 3 review(s) by a@b.c.\n" {
		t.Fatalf("forget: exit %d: %q %s", code, out, errs)
	}
	left, err := st.Reviews(ctx, review.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 2 {
		t.Errorf("%d reviews left, want 2", len(left))
	}
	for _, r := range left {
		if r.Email == "a@b.c" {
			t.Errorf("review %d by the forgotten address is still there", r.ID)
		}
	}
	if ok, err := st.IsTrustedReviewer(ctx, "a@b.c"); ok || err != nil {
		t.Errorf("the forgotten address is still trusted (%v)", err)
	}
	if code, out, _ := run(t, "", "reviews", "forget", "--db", db, "--email", "a@b.c"); code != 0 || out != "Deleted 0 review(s) by a@b.c.\n" {
		t.Errorf("second forget: exit %d: %q", code, out)
	}
}
