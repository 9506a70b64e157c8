package review

import "context"

// SettingMode is the newsroom setting that names what readers send under stories:
// reviews (the default: "Leave a review", a rating of 1 to 5 required) or comments
// ("Leave a comment", the rating optional). Every story page shows it, so saving it
// purges every cached page, as saving any setting does.
const SettingMode = "reviews_mode"

// Mode is what readers send under stories: reviews or comments.
type Mode string

// The modes. ModeReviews is the default.
const (
	ModeReviews  Mode = "reviews"
	ModeComments Mode = "comments"
)

// ParseMode reads a stored setting's value; anything but "comments" is ModeReviews, so
// that a missing or damaged setting keeps the default.
func ParseMode(v string) Mode {
	if Mode(v) == ModeComments {
		return ModeComments
	}
	return ModeReviews
}

// ValidMode reports whether v names a mode, for the page that sets it.
func ValidMode(v string) bool { return Mode(v) == ModeReviews || Mode(v) == ModeComments }

// RatingRequired reports whether a post must carry a rating of 1 to 5 in this mode.
func (m Mode) RatingRequired() bool { return m != ModeComments }

// Mode reads the newsroom's choice of reviews or comments.
func (s *Service) Mode(ctx context.Context) (Mode, error) {
	v, err := s.st.Setting(ctx, SettingMode, string(ModeReviews))
	if err != nil {
		return ModeReviews, err
	}
	return ParseMode(v), nil
}
