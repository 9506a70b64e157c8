// Package publatency measures, from outside, how long a story takes to reach every
// channel of a running site: `newsdesk serve` processes (one on SQLite, one or more on
// PostgreSQL) are started on a prepared database, stories are published and scheduled
// through the newsroom JSON API, and the story's page, feeds, sitemaps, search, the wire's
// pull API and live stream, and every subscriber's webhook are watched until each shows it.
// bench/cmd/publatency is the command; bench/publatency/run builds and runs it (with a
// throwaway PostgreSQL cluster on request).
package publatency

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

// Credentials are the secrets Prepare made, which only it has seen in plain text.
type Credentials struct {
	Token   string   // the demo editor's newsroom API token (publishes and schedules)
	WireKey string   // a subscriber key for the pull API and the live stream, all sections and languages
	Secrets []string // the signing secret of each webhook subscriber's one webhook, by index
}

// pullRate is the watching subscriber's requests a minute: it polls every few
// milliseconds while a story is awaited, far above the 600 a real subscriber gets.
const pullRate = 100000

// Prepare fills an empty database (a SQLite path or a postgres:// URL) with the demo
// edition and an API token for its editor, a watching wire subscriber, and subscribers
// webhook subscribers of every section and language, subscriber i with one webhook to
// hookURL(i).
func Prepare(ctx context.Context, dsn string, subscribers int, hookURL func(i int) string) (Credentials, error) {
	var c Credentials
	st, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		return c, fmt.Errorf("open the database: %w", err)
	}
	defer st.Close()
	if empty, err := st.IsEmpty(ctx); err != nil || !empty {
		return c, fmt.Errorf("the measurement needs an empty database (%s): %v", store.Describe(dsn), err)
	}
	if err := app.SeedDemo(ctx, st, io.Discard); err != nil {
		return c, fmt.Errorf("fill the demo edition: %w", err)
	}
	editor, err := st.UserByEmail(ctx, app.DemoLogin)
	if err != nil {
		return c, fmt.Errorf("find the demo editor: %w", err)
	}
	if c.Token, err = account.New(st, nil, nil).CreateToken(ctx, editor, "publatency"); err != nil {
		return c, fmt.Errorf("create the editor's token: %w", err)
	}
	now := time.Now()
	all := []string{syndication.Wildcard}
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		if c.WireKey, err = account.NewSecret(syndication.KeyPrefix); err != nil {
			return err
		}
		if _, err := tx.CreateWireSubscriber(ctx, syndication.Subscriber{Name: "publatency watcher", Sections: all,
			Languages: all, RatePerMinute: pullRate, CreatedAt: now}, account.HashSecret(c.WireKey)); err != nil {
			return fmt.Errorf("create the watching subscriber: %w", err)
		}
		for i := range subscribers {
			key, err := account.NewSecret(syndication.KeyPrefix)
			if err != nil {
				return err
			}
			id, err := tx.CreateWireSubscriber(ctx, syndication.Subscriber{Name: fmt.Sprintf("publatency %d", i),
				Sections: all, Languages: all, RatePerMinute: syndication.DefaultRatePerMinute, CreatedAt: now},
				account.HashSecret(key))
			if err != nil {
				return fmt.Errorf("create subscriber %d: %w", i, err)
			}
			secret, err := account.NewSecret(syndication.WebhookSecretPrefix)
			if err != nil {
				return err
			}
			if _, err := tx.CreateWireWebhook(ctx, syndication.Webhook{SubscriberID: id, URL: hookURL(i), Secret: secret,
				Ninjs: syndication.Ninjs22, CreatedAt: now}); err != nil {
				return fmt.Errorf("create subscriber %d's webhook: %w", i, err)
			}
			c.Secrets = append(c.Secrets, secret)
		}
		return nil
	})
	return c, err
}
