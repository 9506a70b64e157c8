package syndication

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// ErrBadCursor is returned for a cursor the wire did not hand out.
var ErrBadCursor = errors.New("invalid cursor")

// EncodeCursor turns a wire version id into the opaque cursor clients pass back.
func EncodeCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("w1:" + strconv.FormatInt(id, 10)))
}

// DecodeCursor reads a cursor ("" is the start of the wire).
func DecodeCursor(c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), "w1:") {
		return 0, ErrBadCursor
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(string(b), "w1:"), 10, 64)
	if err != nil || id < 0 {
		return 0, ErrBadCursor
	}
	return id, nil
}

// PageQuery asks for a page of the wire.
type PageQuery struct {
	Cursor   string
	Since    time.Time
	Section  string
	Language string
	Limit    int // 1–200; 0 means 50
}

// Page is one page of versions and the cursor of the next.
type Page struct {
	Versions   []Version
	NextCursor string
}

// MaxPage is the largest page.
const MaxPage = 200

// Pull returns the versions after the cursor that sub may see, oldest first. Versions
// commit in id order, so paging with NextCursor never skips or repeats one, even while
// stories are being released. Asking for a section or language outside the subscriber's
// scope is forbidden.
func (s *Service) Pull(ctx context.Context, sub Subscriber, q PageQuery) (Page, error) {
	after, err := DecodeCursor(q.Cursor)
	if err != nil {
		return Page{}, err
	}
	if err := s.checkFilters(sub, q.Section, q.Language); err != nil {
		return Page{}, err
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, MaxPage)
	vs, err := s.st.WireVersions(ctx, VersionQuery{SubscriberID: sub.ID, After: after, Since: q.Since,
		Section: q.Section, Language: q.Language, Limit: q.Limit})
	if err != nil {
		return Page{}, err
	}
	next := after
	if len(vs) > 0 {
		next = vs[len(vs)-1].ID
	}
	s.meter(ctx, sub, len(vs), 1)
	return Page{Versions: vs, NextCursor: EncodeCursor(next)}, nil
}

func (s *Service) checkFilters(sub Subscriber, section, lang string) error {
	if section != "" && !matches(sub.Sections, section) {
		return fmt.Errorf("section %q is not in this key's subscription: %w", section, account.ErrForbidden)
	}
	if lang != "" && !matches(sub.Languages, lang) {
		return fmt.Errorf("language %q is not in this key's subscription: %w", lang, account.ErrForbidden)
	}
	return nil
}

// Latest returns the newest version of story articleID that sub may see.
func (s *Service) Latest(ctx context.Context, sub Subscriber, articleID int64) (Version, error) {
	vs, err := s.st.WireVersions(ctx, VersionQuery{SubscriberID: sub.ID, ArticleID: articleID, Newest: true, Limit: 1})
	if err != nil {
		return Version{}, err
	}
	if len(vs) == 0 {
		return Version{}, fmt.Errorf("wire item %d: %w", articleID, content.ErrNotFound)
	}
	s.meter(ctx, sub, 1, 1)
	return vs[0], nil
}

// History returns every version of story articleID that sub may see, oldest first.
func (s *Service) History(ctx context.Context, sub Subscriber, articleID int64) ([]Version, error) {
	vs, err := s.st.WireVersions(ctx, VersionQuery{SubscriberID: sub.ID, ArticleID: articleID, Limit: 1000})
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("wire item %d: %w", articleID, content.ErrNotFound)
	}
	s.meter(ctx, sub, len(vs), 1)
	return vs, nil
}

// StreamFrom is where a new live stream of sub starts: after lastEventID when the client
// resumes (Last-Event-ID), else after the newest version now.
func (s *Service) StreamFrom(ctx context.Context, sub Subscriber, lastEventID string) (int64, error) {
	if lastEventID != "" {
		id, err := strconv.ParseInt(strings.TrimSpace(lastEventID), 10, 64)
		if err != nil || id < 0 {
			return 0, ErrBadCursor
		}
		s.meter(ctx, sub, 0, 1)
		return id, nil
	}
	id, err := s.st.WireLatestID(ctx)
	if err == nil {
		s.meter(ctx, sub, 0, 1)
	}
	return id, err
}

// StreamBatch returns the next versions after id for a live stream of sub.
func (s *Service) StreamBatch(ctx context.Context, sub Subscriber, after int64, limit int) ([]Version, error) {
	vs, err := s.st.WireVersions(ctx, VersionQuery{SubscriberID: sub.ID, After: after, Limit: limit})
	if err == nil && len(vs) > 0 {
		s.meter(ctx, sub, len(vs), 0)
	}
	return vs, err
}

// meter counts items pulled for billing; a failure is logged, not returned: the reader
// has its items.
func (s *Service) meter(ctx context.Context, sub Subscriber, items, requests int) {
	if err := s.st.AddWireUsage(ctx, sub.ID, s.now(), items, requests); err != nil && ctx.Err() == nil {
		s.log.Warn("wire_usage_failed", "subscriber", sub.ID, "err", err)
	}
}
