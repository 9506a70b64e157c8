package search

import (
	"reflect"
	"strings"
	"testing"
)

func TestAnalyzeStemsAndFolds(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []string
	}{
		{"english stems", "en", "escalate escalation escalating escalated", []string{"escal", "escal", "escal", "escal"}},
		{"english case and plural", "en", "Ministers MINISTER minister's", []string{"minist", "minist", "minist"}},
		{"english accents", "en", "Café naïve Zürich façade", []string{"cafe", "naiv", "zurich", "facad"}},
		{"english foreign letters", "en", "Şuşa Əliyev straße Øresund", []string{"susa", "eliyev", "strass", "oresund"}},
		{"russian stems", "ru", "эскалация эскалации эскалацией", []string{"эскалац", "эскалац", "эскалац"}},
		{"russian yo", "ru", "Ёлка ёлки елка", []string{"елк", "елк", "елк"}},
		{"russian short i kept", "ru", "мой мои", []string{"мой", "мо"}},
		{"cyrillic in english text", "en", "Правительство заявило", []string{"правительств", "заяв"}},
		{"azerbaijani dotted capital", "az", "İstanbul istanbul", []string{"istanbul", "istanbul"}},
		{"azerbaijani dotless capital", "az", "IĞDIR ığdır", []string{"ığdır", "ığdır"}},
		{"azerbaijani schwa", "az", "ƏLİYEV Əliyev əliyev", []string{"əliyev", "əliyev", "əliyev"}},
		{"azerbaijani letters kept", "az", "Şəhər Çay Gömrük Ügur", []string{"şəhər", "çay", "gömrük", "ügur"}},
		{"azerbaijani foreign accents folded", "az", "Café", []string{"cafe"}},
		{"turkish apostrophe suffix", "tr", "İstanbul'da Bakı'dan", []string{"istanbul", "bakı"}},
		{"no stemming in azerbaijani", "az", "şəhərlərdə", []string{"şəhərlərdə"}},
		{"decomposed input", "ru", "и\u0306од е\u0308ж", []string{"йод", "еж"}},
		{"decomposed turkic", "az", "s\u0327e\u0301", []string{"şe"}},
		{"digits and punctuation", "en", "In 2024, 3.5% of G-20 (sic)", []string{"in", "2024", "3", "5", "of", "g", "20", "sic"}},
		{"english apostrophe", "en", "don't Obama’s", []string{"dont", "obama"}},
		{"hyphens separate", "en", "half-empty driving-licence", []string{"half", "empti", "drive", "licenc"}},
		{"letters and digits apart", "en", "COP29 F-16 5G", []string{"cop", "29", "f", "16", "5", "g"}},
		{"apostrophe after digits", "en", "1990's", []string{"1990", "s"}},
		{"soft hyphen ignored", "en", "driv\u00ading", []string{"drive"}},
		{"russian hyphens", "ru", "из-за по-русски что-то", []string{"из", "за", "по", "русск", "что", "то"}},
		{"azerbaijani number suffix", "az", "COP29-da 2024'te", []string{"cop", "29", "da", "2024"}},
		{"turkic apostrophe after one letter", "az", "O'Brien", []string{"obrien"}},
		{"nothing", "en", " -- ** () ", nil},
		{"unknown language folds only", "de", "Häuser HÄUSER", []string{"hauser", "hauser"}},
		{"greek final sigma", "el", "ΟΔΟΣ οδος", []string{"οδοσ", "οδοσ"}},
	}
	a := NewAnalyzer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Analyze(tt.lang, tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Analyze(%q, %q) = %q, want %q", tt.lang, tt.text, got, tt.want)
			}
			// The cached analyzer agrees, the second time too.
			for range 2 {
				if got := a.Terms(tt.lang, tt.text); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("Analyzer.Terms(%q, %q) = %q, want %q", tt.lang, tt.text, got, tt.want)
				}
			}
		})
	}
}

func TestTokensOffsets(t *testing.T) {
	text := "«Şəhər» — İqtisadiyyat'da 2025-ci il"
	var got []string
	NewAnalyzer().Tokens("az", text, func(tk Token) { got = append(got, text[tk.Start:tk.End]+"="+tk.Word) })
	want := []string{"Şəhər=şəhər", "İqtisadiyyat'da=iqtisadiyyat", "2025=2025", "ci=ci", "il=il"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestFold(t *testing.T) {
	for _, tt := range []struct{ lang, in, want string }{
		{"az", "IŞIQ", "ışıq"},
		{"en", "IŞIQ", "isiq"},
		{"ru", "ЁЖИК", "ежик"},
		{"az", "Ə", "ə"},
	} {
		if got := Fold(tt.lang, tt.in); got != tt.want {
			t.Errorf("Fold(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

func TestAnalyzerCacheBound(t *testing.T) {
	a := NewAnalyzer()
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		b.WriteString("w")
		b.WriteString(strings.Repeat("x", i%50))
		b.WriteByte(' ')
	}
	a.Terms("en", b.String())
	if n := len(a.cache); n == 0 || n > maxCached {
		t.Errorf("cache holds %d entries", n)
	}
}

// TestSameWordsWhateverTheSpelling holds the rule that makes a query match a story: both are
// analysed alike, so spellings a reader may type for the same words give the same terms.
func TestSameWordsWhateverTheSpelling(t *testing.T) {
	for _, tt := range []struct {
		lang string
		same []string
	}{
		{"en", []string{"half-empty", "half empty", "Half–Empty", "HALF EMPTY"}},
		{"en", []string{"driving-licence", "driving licence", "DRIVING-LICENCE"}},
		{"en", []string{"don't", "don’t", "dont", "DON'T", "donʼt"}},
		{"en", []string{"O'Brien", "O’Brien", "OBrien", "obrien"}},
		{"en", []string{"COP29", "cop 29", "COP-29", "cop29"}},
		{"en", []string{"F-16", "F16", "f 16"}},
		{"ru", []string{"из-за", "из за", "ИЗ-ЗА"}},
		{"ru", []string{"по-русски", "по русски"}},
		{"ru", []string{"что-то", "что то", "ЧТО-ТО"}},
		{"ru", []string{"Су-35", "СУ35", "су 35"}},
		{"ru", []string{"COP29", "cop 29"}},
		{"az", []string{"Qarabağ", "QARABAĞ", "qarabağ"}},
		{"az", []string{"İlham", "ilham", "İLHAM"}},
		{"az", []string{"ILDIRIM", "ıldırım"}},
		{"az", []string{"COP29", "Cop29", "cop 29"}},
		{"az", []string{"Bakı'da", "Bakı’da", "bakı"}},
		{"az", []string{"sosial-iqtisadi", "sosial iqtisadi"}},
	} {
		want := Analyze(tt.lang, tt.same[0])
		for _, s := range tt.same[1:] {
			if got := Analyze(tt.lang, s); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %q is %q, %q is %q", tt.lang, tt.same[0], want, s, got)
			}
		}
	}
	// and different words stay different
	for _, tt := range []struct{ lang, a, b string }{
		{"az", "ilham", "ılham"},          // i and ı are two letters
		{"az", "şəhər", "seher"},          // ş and ə too
		{"en", "halfempty", "half-empty"}, // a compound written as one word is another word
	} {
		if a, b := Analyze(tt.lang, tt.a), Analyze(tt.lang, tt.b); reflect.DeepEqual(a, b) {
			t.Errorf("%s: %q and %q are both %q", tt.lang, tt.a, tt.b, a)
		}
	}
}
