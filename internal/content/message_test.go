package content

import (
	"errors"
	"fmt"
	"testing"
)

func TestFieldErrorSet(t *testing.T) {
	fe := &FieldError{What: "story"}
	fe.Set("section", "Unknown section %q.", "x")
	fe.Set("headline", "A headline is required.")
	fe.Set("body", "Body of %d bytes.", 5)
	fe.Set("body", "Write the body.") // a plain text replaces a format
	for _, tc := range []struct {
		field, text string
		m           Message
	}{
		{"section", `Unknown section "x".`, Msg("Unknown section %q.", "x")},
		{"headline", "A headline is required.", Message{Format: "A headline is required."}},
		{"body", "Write the body.", Message{Format: "Write the body."}},
		{"none", "", Message{}},
	} {
		if got := fe.Fields[tc.field]; got != tc.text {
			t.Errorf("Fields[%s] = %q, want %q", tc.field, got, tc.text)
		}
		if got := fe.Message(tc.field); fmt.Sprint(got) != fmt.Sprint(tc.m) || got.String() != tc.text {
			t.Errorf("Message(%s) = %#v, want %#v", tc.field, got, tc.m)
		}
	}
	// A text put straight into Fields over a Set one wins: Message follows Fields.
	fe.Fields["section"] = "Choose a section."
	if got := fe.Message("section"); got.Format != "Choose a section." || len(got.Args) != 0 {
		t.Errorf("Message after a direct write = %#v", got)
	}
	var err error = fe
	var target *FieldError
	if !errors.As(err, &target) || err.Error() != `invalid story: body: Write the body.; headline: A headline is required.; section: Choose a section.` {
		t.Errorf("Error() = %q", err.Error())
	}
}
