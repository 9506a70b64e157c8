package newsroom

import (
	"context"
	"fmt"
	"slices"

	"github.com/newsdesk/newsdesk/internal/account"
)

// Site settings: the page that sets them knows their keys and meanings; the newsroom checks
// who may read and change them, writes them in one transaction and audits the change.

// Settings reads the named settings, each with its default when unset. Only those who may
// manage the site see them.
func (s *Service) Settings(ctx context.Context, u Actor, defaults map[string]string) (map[string]string, error) {
	if err := allow(u, account.ActManageSite); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(defaults))
	for key, def := range defaults {
		v, err := s.st.Setting(ctx, key, def)
		if err != nil {
			return nil, fmt.Errorf("reading setting %s: %w", key, err)
		}
		out[key] = v
	}
	return out, nil
}

// SaveSettings stores the settings in one transaction, with one audit entry.
func (s *Service) SaveSettings(ctx context.Context, u Actor, values map[string]string) error {
	if err := allow(u, account.ActManageSite); err != nil {
		return err
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys) // one order of writes, every time
	return s.st.NewsroomTx(ctx, func(tx Tx) error {
		for _, k := range keys {
			if err := tx.SetSetting(ctx, k, values[k]); err != nil {
				return fmt.Errorf("saving setting %s: %w", k, err)
			}
		}
		return tx.Audit(ctx, u.ID, "settings", "site", 0, "")
	})
}
