package review

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// TestValidateModes: in reviews mode a rating of 1 to 5 is required; in comments mode it
// may be missing (0), and one given must still be 1 to 5. The other fields' rules are the
// same in both modes.
func TestValidateModes(t *testing.T) {
	msg := func(key string, _ ...any) string { return key }
	ok := Input{Name: "Leyla", Email: "leyla@example.test", Rating: 4, Text: "A careful and fair account."}
	with := func(change func(*Input)) Input {
		in := ok
		change(&in)
		return in
	}
	tests := []struct {
		name string
		in   Input
		// the fields refused in each mode (none: valid)
		reviews, comments []string
	}{
		{"rated", ok, nil, nil},
		{"one star", with(func(in *Input) { in.Rating = 1 }), nil, nil},
		{"five stars", with(func(in *Input) { in.Rating = 5 }), nil, nil},
		{"no rating", with(func(in *Input) { in.Rating = 0 }), []string{"rating"}, nil},
		{"six stars", with(func(in *Input) { in.Rating = 6 }), []string{"rating"}, []string{"rating"}},
		{"negative rating", with(func(in *Input) { in.Rating = -1 }), []string{"rating"}, []string{"rating"}},
		{"no name, no rating", with(func(in *Input) { in.Name, in.Rating = "", 0 }), []string{"name", "rating"}, []string{"name"}},
		{"short text, no rating", with(func(in *Input) { in.Text, in.Rating = "Too short", 0 }), []string{"rating", "text"}, []string{"text"}},
		{"bad email", with(func(in *Input) { in.Email = "not an address" }), []string{"email"}, []string{"email"}},
		{"long text", with(func(in *Input) { in.Text = strings.Repeat("x", MaxTextRunes+1) }), []string{"text"}, []string{"text"}},
	}
	for _, tt := range tests {
		for mode, want := range map[Mode][]string{ModeReviews: tt.reviews, ModeComments: tt.comments} {
			t.Run(string(mode)+"/"+tt.name, func(t *testing.T) {
				err := Validate(tt.in, mode, msg)
				var got []string
				var fe *content.FieldError
				if errors.As(err, &fe) {
					for f := range fe.Fields {
						got = append(got, f)
					}
				} else if err != nil {
					t.Fatalf("Validate: %T %v", err, err)
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("refused fields %q, want %q", got, want)
				}
				if fe != nil && slices.Contains(got, "rating") && fe.Fields["rating"] != "review_err_rating" {
					t.Errorf("rating message %q", fe.Fields["rating"])
				}
			})
		}
	}
}

func TestParseMode(t *testing.T) {
	for v, want := range map[string]Mode{"": ModeReviews, "reviews": ModeReviews, "comments": ModeComments,
		"Comments": ModeReviews, "other": ModeReviews} {
		if got := ParseMode(v); got != want {
			t.Errorf("ParseMode(%q) = %q, want %q", v, got, want)
		}
	}
	if !ModeReviews.RatingRequired() || ModeComments.RatingRequired() {
		t.Error("RatingRequired: reviews must require a rating, comments must not")
	}
	if !ValidMode("reviews") || !ValidMode("comments") || ValidMode("") || ValidMode("both") {
		t.Error("ValidMode accepts only reviews and comments")
	}
}
