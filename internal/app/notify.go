package app

import (
	"context"
	"log/slog"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/notify"
	"github.com/newsdesk/newsdesk/internal/store"
)

// newNotifications builds the notification service (with email when --smtp-url is set)
// and registers it with the events it tells of, each inside the event's transaction:
// the workflow's submissions, returns and publications, the accounts under attack, and
// the dead-lettered webhook deliveries.
func newNotifications(cfg config.Config, st *store.Store, svc *newsroom.Service, accounts *account.Service, log *slog.Logger) (*notify.Service, error) {
	var mailer *notify.Mailer
	if cfg.SMTPURL != "" {
		var err error
		if mailer, err = notify.NewMailer(cfg.SMTPURL, cfg.MailFrom); err != nil {
			return nil, err
		}
	}
	notes := notify.New(notify.Config{Store: st, Mailer: mailer, BaseURL: cfg.BaseURL, Logger: log})
	svc.OnNote(func(ctx context.Context, tx newsroom.Tx, n newsroom.Note) error {
		return notes.Record(ctx, tx, notify.Event{Kind: n.Kind, ArticleID: n.ArticleID, ActorID: n.ActorID, Detail: n.Detail})
	})
	accounts.OnAttack(func(ctx context.Context, tx account.Tx, u account.User, detail string) error {
		return notes.Record(ctx, tx, notify.Event{Kind: notify.KindLoginAttack, Subject: u.Email, Detail: detail,
			Ref: "user:" + strconv.FormatInt(u.ID, 10)})
	})
	st.OnWireDead(func(ctx context.Context, tx *store.Tx, sub int64, name, lastError string) error {
		return notes.Record(ctx, tx, notify.Event{Kind: notify.KindDeadLetter, Subject: name, Detail: lastError,
			Ref: "subscriber:" + strconv.FormatInt(sub, 10)})
	})
	return notes, nil
}
