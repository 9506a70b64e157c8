package syndication

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// Secret prefixes make leaked wire secrets recognisable.
const (
	KeyPrefix           = "ndw_"  // subscriber API keys
	WebhookSecretPrefix = "ndwh_" // webhook signing secrets
)

// SubscriberInput describes a new subscriber.
type SubscriberInput struct {
	Name          string
	Sections      []string // keys, or "*"
	Languages     []string // codes, or "*"
	RatePerMinute int      // 0: 600
}

// Catalog is what a subscriber may be scoped to: the site's section keys and languages.
type Catalog struct {
	Sections  []string
	Languages []string
}

// DefaultRatePerMinute is a new subscriber's pull limit.
const DefaultRatePerMinute = 600

// AddSubscriber creates a subscriber and returns it with its API key, which is shown only
// now: the database keeps its hash.
func (s *Service) AddSubscriber(ctx context.Context, in SubscriberInput, cat Catalog) (Subscriber, string, error) {
	sub, err := checkSubscriber(in, cat)
	if err != nil {
		return sub, "", err
	}
	key, err := account.NewSecret(KeyPrefix)
	if err != nil {
		return sub, "", err
	}
	sub.KeyHint, sub.CreatedAt = hint(key), s.now()
	err = s.st.WireTx(ctx, func(tx Tx) error {
		sub.ID, err = tx.CreateWireSubscriber(ctx, sub, account.HashSecret(key))
		return err
	})
	if err != nil {
		return sub, "", err
	}
	return sub, key, nil
}

func hint(key string) string { return key[:len(KeyPrefix)+4] + "…" }

func checkSubscriber(in SubscriberInput, cat Catalog) (Subscriber, error) {
	errs := map[string]string{}
	sub := Subscriber{Name: strings.TrimSpace(in.Name), RatePerMinute: in.RatePerMinute}
	switch n := utf8.RuneCountInString(sub.Name); {
	case n == 0:
		errs["name"] = "A name is required."
	case n > 200 || !utf8.ValidString(sub.Name):
		errs["name"] = "The name is longer than 200 characters."
	}
	if sub.RatePerMinute == 0 {
		sub.RatePerMinute = DefaultRatePerMinute
	}
	if sub.RatePerMinute < 1 || sub.RatePerMinute > 100000 {
		errs["rate"] = "The rate is a number of requests per minute from 1 to 100,000."
	}
	var msg string
	if sub.Sections, msg = scopeList(in.Sections, cat.Sections, "section"); msg != "" {
		errs["sections"] = msg
	}
	if sub.Languages, msg = scopeList(in.Languages, cat.Languages, "language"); msg != "" {
		errs["languages"] = msg
	}
	if len(errs) > 0 {
		return sub, &content.FieldError{Fields: errs}
	}
	return sub, nil
}

// scopeList cleans a list of section keys or language codes: known values, no duplicates,
// or the wildcard alone.
func scopeList(in, known []string, what string) ([]string, string) {
	var out []string
	for _, v := range in {
		for _, p := range strings.Split(v, ",") {
			p = strings.TrimSpace(p)
			if p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Sprintf("Name at least one %s (or * for all).", what)
	}
	if slices.Contains(out, Wildcard) {
		return []string{Wildcard}, ""
	}
	for _, v := range out {
		if known != nil && !slices.Contains(known, v) {
			return nil, fmt.Sprintf("Unknown %s %q (known: %s).", what, v, strings.Join(known, ", "))
		}
	}
	sort.Strings(out)
	return out, ""
}

// RotateKey gives a subscriber a new API key; the old one stops working at once.
func (s *Service) RotateKey(ctx context.Context, id int64) (string, error) {
	key, err := account.NewSecret(KeyPrefix)
	if err != nil {
		return "", err
	}
	err = s.st.WireTx(ctx, func(tx Tx) error {
		return tx.SetWireSubscriberKey(ctx, id, account.HashSecret(key), hint(key), s.now())
	})
	if err != nil {
		return "", err
	}
	return key, nil
}

// Revoke ends a subscriber: its key is refused at once and its webhooks receive nothing
// more (deliveries waiting in the outbox are dropped).
func (s *Service) Revoke(ctx context.Context, id int64) error {
	return s.st.WireTx(ctx, func(tx Tx) error { return tx.RevokeWireSubscriber(ctx, id, s.now()) })
}

// WebhookInput describes a new webhook.
type WebhookInput struct {
	SubscriberID int64
	URL          string
	Ninjs        string // "2.2" (default) or "3.1"
}

// AddWebhook registers an endpoint and returns it with its signing secret, which is shown
// only now.
func (s *Service) AddWebhook(ctx context.Context, in WebhookInput) (Webhook, error) {
	w := Webhook{SubscriberID: in.SubscriberID, URL: strings.TrimSpace(in.URL), Ninjs: in.Ninjs, CreatedAt: s.now()}
	errs := map[string]string{}
	if msg := CheckWebhookURL(w.URL); msg != "" {
		errs["url"] = msg
	}
	if w.Ninjs == "" {
		w.Ninjs = Ninjs22
	}
	if w.Ninjs != Ninjs22 && w.Ninjs != Ninjs31 {
		errs["ninjs"] = "The ninjs version is 2.2 or 3.1."
	}
	if len(errs) > 0 {
		return w, &content.FieldError{Fields: errs}
	}
	sub, err := s.st.WireSubscriber(ctx, in.SubscriberID)
	if err != nil {
		return w, err
	}
	if !sub.RevokedAt.IsZero() {
		return w, fmt.Errorf("subscriber %d is revoked: %w", sub.ID, content.ErrConflict)
	}
	if w.Secret, err = account.NewSecret(WebhookSecretPrefix); err != nil {
		return w, err
	}
	err = s.st.WireTx(ctx, func(tx Tx) error {
		w.ID, err = tx.CreateWireWebhook(ctx, w)
		return err
	})
	return w, err
}

// RemoveWebhook stops deliveries to a webhook; rows already in the outbox are dropped.
func (s *Service) RemoveWebhook(ctx context.Context, id int64) error {
	return s.st.WireTx(ctx, func(tx Tx) error { return tx.RemoveWireWebhook(ctx, id, s.now()) })
}

// CheckWebhookURL says what is wrong with a webhook URL ("" when nothing): it must be
// https://, or http:// to a loopback address (for tests and local relays).
func CheckWebhookURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.Fragment != "" || len(raw) > 2000 {
		return "Give an absolute https:// URL without user name or fragment."
	}
	switch u.Scheme {
	case "https":
		return ""
	case "http":
		if ip := net.ParseIP(u.Hostname()); (ip != nil && ip.IsLoopback()) || u.Hostname() == "localhost" {
			return ""
		}
		return "Webhooks must use https:// (plain http:// only to 127.0.0.1 or localhost, for tests)."
	}
	return "Give an absolute https:// URL."
}

// Authenticate returns the active subscriber of an API key. An unknown, rotated or revoked
// key gives ErrUnauthorized; every call asks the database, so revocation is immediate.
func (s *Service) Authenticate(ctx context.Context, key string) (Subscriber, error) {
	if !strings.HasPrefix(key, KeyPrefix) || len(key) > 256 {
		return Subscriber{}, ErrUnauthorized
	}
	sub, err := s.st.WireSubscriberByKey(ctx, account.HashSecret(key))
	if errors.Is(err, content.ErrNotFound) {
		return sub, ErrUnauthorized
	}
	if err != nil {
		return sub, fmt.Errorf("authenticate wire key: %w", err)
	}
	return sub, nil
}

// Subscribers lists every subscriber, revoked ones included.
func (s *Service) Subscribers(ctx context.Context) ([]Subscriber, error) {
	return s.st.WireSubscribers(ctx)
}

// Webhooks lists a subscriber's active webhooks.
func (s *Service) Webhooks(ctx context.Context, subscriberID int64) ([]Webhook, error) {
	return s.st.WireWebhooks(ctx, subscriberID)
}
