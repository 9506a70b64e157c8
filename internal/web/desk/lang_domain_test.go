package desk

import (
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
)

// TestSay: a domain's message takes the catalog's format; its arguments stay as given, a
// workflow state takes its label.
func TestSay(t *testing.T) {
	for _, tc := range []struct {
		lang string
		m    content.Message
		want string
	}{
		{"ru", content.Msg("Unknown language %q.", "xx"), `Неизвестный язык "xx".`},
		{"az", content.Msg("There is no story %d.", 7), "7 nömrəli material yoxdur."},
		{"en", content.Msg("There is no story %d.", 7), "There is no story 7."},
		{"ru", content.Msg("Story %d is %s: only published or scheduled stories can go on the front page.", 3, content.StatusDraft),
			"Материал 3 в состоянии «" + label("ru", "draft") + "»: на главную страницу можно поставить только опубликованные или запланированные материалы."},
		{"ru", content.Msg("A text with 100% and no arguments"), "A text with 100% and no arguments"},
		{"de", content.Msg("Unknown section %q.", "x"), `Unknown section "x".`},
	} {
		if got := say(tc.lang, tc.m); got != tc.want {
			t.Errorf("say(%s, %q) = %q, want %q", tc.lang, tc.m.Format, got, tc.want)
		}
	}
}
