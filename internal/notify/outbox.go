package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// Mail is one claimed outbox row, with what its email needs.
type Mail struct {
	ID      int64
	Attempt int // this attempt's number, from 1
	To      string
	ToName  string
	Lang    string // the recipient's newsroom language ("" when unknown)
	Notification
}

// MailResult is the outcome of one attempt.
type MailResult struct {
	ID     int64
	Sent   bool
	Failed bool      // out of attempts: kept as failed
	NextAt time.Time // when not sent and not failed: the next attempt
	Error  string
}

// MailStore is the outbox's storage.
type MailStore interface {
	// ClaimMail reserves up to limit due rows until leaseUntil, counting the attempt.
	ClaimMail(ctx context.Context, claim string, now, leaseUntil time.Time, limit int) ([]Mail, error)
	// FinishMail records the outcomes of one claim.
	FinishMail(ctx context.Context, claim string, results []MailResult, now time.Time) error
}

// Outbox settings: attempts back off from retryBase, doubling up to retryMax; after
// maxAttempts (about a day) a mail is kept as failed.
const (
	retryBase   = 15 * time.Second
	retryMax    = 2 * time.Hour
	maxAttempts = 16
	mailLease   = 2 * time.Minute
	mailBatch   = 20
)

func retryDelay(attempt int) time.Duration {
	d := retryBase
	for i := 1; i < attempt && d < retryMax; i++ {
		d *= 2
	}
	return min(d, retryMax)
}

// RunMail sends the outbox's due emails until ctx ends: at once when an event on this
// instance wakes it, else every interval. Several instances may run it: each claims its
// own rows. It returns at once when mail is not set up.
func (s *Service) RunMail(ctx context.Context, interval time.Duration) {
	if s.mailer == nil {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		for {
			n, err := s.SendDue(ctx)
			if err != nil && ctx.Err() == nil {
				s.log.Warn("mail_outbox_failed", "err", err)
			}
			if n < mailBatch || err != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.wake:
		}
	}
}

// SendDue claims the due emails, sends them and records how each went; it returns how
// many it tried.
func (s *Service) SendDue(ctx context.Context) (int, error) {
	if s.mailer == nil {
		return 0, nil
	}
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return 0, fmt.Errorf("mail claim token: %w", err)
	}
	claim := hex.EncodeToString(b)
	now := s.now()
	ms, err := s.st.ClaimMail(ctx, claim, now, now.Add(mailLease), mailBatch)
	if err != nil || len(ms) == 0 {
		return 0, err
	}
	results := make([]MailResult, 0, len(ms))
	for _, m := range ms {
		r := MailResult{ID: m.ID}
		err := s.mailer.Send(context.WithoutCancel(ctx), s.message(m))
		switch {
		case err == nil:
			r.Sent = true
		case m.Attempt >= maxAttempts:
			r.Failed, r.Error = true, trim(err.Error())
			s.log.Error("mail_failed", "mail", m.ID, "attempts", m.Attempt, "err", err)
		default:
			r.NextAt, r.Error = s.now().Add(retryDelay(m.Attempt)), trim(err.Error())
			s.log.Warn("mail_retry", "mail", m.ID, "attempt", m.Attempt, "err", err)
		}
		results = append(results, r)
	}
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := s.st.FinishMail(fctx, claim, results, s.now()); err != nil {
		return len(ms), err
	}
	return len(ms), nil
}

func trim(s string) string {
	if len(s) > 500 {
		return s[:500]
	}
	return s
}

// message writes the email of one notification, in the recipient's language.
func (s *Service) message(m Mail) Message {
	subject, lead, footer := mailTexts(m.Lang, m.Kind)
	link := s.baseURL + "/newsroom/notifications"
	if m.ArticleID != 0 {
		link = fmt.Sprintf("%s/newsroom/articles/%d", s.baseURL, m.ArticleID)
	}
	body := fmt.Sprintf(lead, m.Subject) + "\n"
	if m.Detail != "" {
		body += "\n" + m.Detail + "\n"
	}
	body += "\n" + link + "\n\n-- \n" + footer + "\n" + s.baseURL + "/newsroom/notifications\n"
	return Message{To: m.To, ToName: m.ToName, Subject: fmt.Sprintf(subject, m.Subject), Body: body}
}
