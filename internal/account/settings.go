package account

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Settings are a user's own choices for the newsroom. An empty field means the default:
// the browser's language, the site's time zone.
type Settings struct {
	Language string // a language code: "en", "ru", "az"
	TimeZone string // an IANA zone name: "Asia/Baku"
}

var (
	// ErrUnknownZone is a time zone name that is not in the zone database.
	ErrUnknownZone = errors.New("unknown time zone")
	// ErrBadLanguage is a language setting that is not a language code.
	ErrBadLanguage = errors.New("not a language code")
)

var languageCode = regexp.MustCompile(`^[a-z]{2,3}$`)

// maxZoneName bounds a zone name; the longest in the database has 32 bytes.
const maxZoneName = 64

// Zone loads the IANA time zone name ("Asia/Baku", "UTC"). It refuses "" and "Local" (the
// server's own zone, which differs by machine).
func Zone(name string) (*time.Location, error) {
	if name == "" || name == "Local" || len(name) > maxZoneName {
		return nil, fmt.Errorf("zone %q: %w", name, ErrUnknownZone)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("zone %q: %w", name, ErrUnknownZone)
	}
	return loc, nil
}

// SaveSettings stores u's own settings. The caller offers the languages it speaks; this
// checks the form of the code and that the zone exists.
func (s *Service) SaveSettings(ctx context.Context, u User, set Settings) error {
	if set.Language != "" && !languageCode.MatchString(set.Language) {
		return fmt.Errorf("language %q: %w", set.Language, ErrBadLanguage)
	}
	if set.TimeZone != "" {
		if _, err := Zone(set.TimeZone); err != nil {
			return err
		}
	}
	return s.st.AccountTx(ctx, func(tx Tx) error {
		if err := tx.SetUserSettings(ctx, u.ID, set.Language, set.TimeZone); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "user_settings", "user", u.ID, "language="+set.Language+" time_zone="+set.TimeZone)
	})
}
