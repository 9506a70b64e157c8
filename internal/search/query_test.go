package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	w := func(s string) Clause { return Clause{Text: s} }
	tests := []struct {
		in   string
		want []Clause
	}{
		{"", nil},
		{"   ", nil},
		{"oil price ", []Clause{w("oil"), w("price")}},
		{"oil price", []Clause{w("oil"), {Text: "price", Prefix: true}}},
		{`"oil price" rises `, []Clause{{Text: "oil price", Phrase: true}, w("rises")}},
		{`oil -gas `, []Clause{w("oil"), {Text: "gas", Exclude: true}}},
		{`oil -gas`, []Clause{w("oil"), {Text: "gas", Exclude: true}}},
		{`oil -"natural gas" `, []Clause{w("oil"), {Text: "natural gas", Phrase: true, Exclude: true}}},
		{`escal* talks `, []Clause{{Text: "escal", Prefix: true}, w("talks")}},
		{`«цена нефти» `, []Clause{{Text: "цена нефти", Phrase: true}}},
		{`“oil price” `, []Clause{{Text: "oil price", Phrase: true}}},
		{`"oil price `, []Clause{w("oil"), w("price")}}, // unbalanced quote: plain words
		{`oil" price `, []Clause{w("oil"), w("price")}},
		{`* - -- ( ) ** `, nil},
		{`NEAR( oil `, []Clause{w("NEAR("), w("oil")}}, // a word like any other
		{`e-mail `, []Clause{w("e-mail")}},
		{"driv\u00ading half-empty ", []Clause{w("driving"), w("half-empty")}}, // a soft hyphen is no separator
		{`-`, nil},
		{`oil - gas `, []Clause{w("oil"), w("gas")}},
		{"oil\x00gas ", []Clause{w("oil"), w("gas")}},
		{"oil\xffgas ", []Clause{w("oil"), w("gas")}},
		{`"" oil `, []Clause{w("oil")}},
	}
	for _, tt := range tests {
		q := ParseQuery(tt.in)
		if !reflect.DeepEqual(q.Clauses, tt.want) {
			t.Errorf("ParseQuery(%q) = %+v, want %+v", tt.in, q.Clauses, tt.want)
		}
	}
}

func TestParseQueryLimits(t *testing.T) {
	q := ParseQuery(strings.Repeat("word ", 3000))
	if len(q.Clauses) != MaxClauses || !q.Truncated {
		t.Errorf("long query: %d clauses, truncated %v", len(q.Clauses), q.Truncated)
	}
	q = ParseQuery(strings.Repeat("я", 10000))
	if len(q.Clauses) != 1 || len(q.Clauses[0].Text) > MaxQueryBytes || !q.Truncated || !utf8.ValidString(q.Clauses[0].Text) {
		t.Errorf("10,000 letters: %d clauses of %d bytes", len(q.Clauses), len(q.Clauses[0].Text))
	}
}

func TestQueryEmptyAndString(t *testing.T) {
	for _, tt := range []struct {
		in    string
		empty bool
		str   string
	}{
		{"", true, ""},
		{"-oil -gas", true, "-oil -gas"},
		{`oil -"natural gas"`, false, `oil -"natural gas"`},
		{`  oil   price  `, false, "oil price"},
	} {
		q := ParseQuery(tt.in)
		if q.Empty() != tt.empty || q.String() != tt.str {
			t.Errorf("ParseQuery(%q): Empty %v String %q, want %v %q", tt.in, q.Empty(), q.String(), tt.empty, tt.str)
		}
	}
}

func TestPlan(t *testing.T) {
	a := NewAnalyzer()
	p := a.Plan("en", ParseQuery(`Escalating "oil prices" -gas e-mail minist`))
	want := Plan{
		Include: []Part{{Terms: []string{"escal"}}, {Terms: []string{"oil", "price"}}, {Terms: []string{"e", "mail"}},
			{Terms: []string{"minist"}, Prefix: true, Word: "minist"}},
		Exclude: []Part{{Terms: []string{"gas"}}},
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("Plan = %+v\nwant %+v", p, want)
	}
	if p := a.Plan("en", ParseQuery(`"" ... ---`)); !p.Empty() {
		t.Errorf("punctuation gave %+v", p)
	}
	// The same query reads differently in each language.
	if p := a.Plan("az", ParseQuery("İSTANBUL ")); p.Include[0].Terms[0] != "istanbul" {
		t.Errorf("az plan %+v", p)
	}
	if p := a.Plan("ru", ParseQuery("ЭСКАЛАЦИЕЙ ")); p.Include[0].Terms[0] != "эскалац" {
		t.Errorf("ru plan %+v", p)
	}
}

// FuzzParseQuery checks that no input makes the parser or the analysis fail: every clause
// has a word, every term is made of letters, digits and marks only (so that no index
// syntax can come from a visitor), and the sizes stay bounded. Its seed corpus runs with
// every `go test`.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "oil price", `"oil price" -gas`, `"`, `"a`, `-`, `*`, `NEAR(`, `a OR b`, `{head}: x`,
		`'; DROP TABLE articles; --`, "\x00", "\xff", "İstanbul'da", "эскалация*", `-"x`, `"""`, strings.Repeat("a ", 300),
		"a\u0301\u0301\u0301", "\u200bword\u200b", "h_oil sec_1", `:*`, `x <-> y`, `!x & y | z`} {
		f.Add(s)
	}
	a := NewAnalyzer()
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		if len(q.Clauses) > MaxClauses {
			t.Fatalf("%d clauses", len(q.Clauses))
		}
		for _, c := range q.Clauses {
			if !utf8.ValidString(c.Text) || strings.ContainsRune(c.Text, 0) || len(c.Text) > MaxQueryBytes || !hasWord(c.Text) {
				t.Fatalf("clause %q", c.Text)
			}
			if c.Exclude && c.Prefix {
				t.Fatalf("excluded prefix %+v", c)
			}
		}
		_ = q.String()
		for _, lang := range []string{"en", "ru", "az"} {
			p := a.Plan(lang, q)
			for _, part := range append(p.Include, p.Exclude...) {
				if len(part.Terms) == 0 {
					t.Fatalf("empty part in %+v", p)
				}
				for _, term := range append(part.Terms, part.Word) {
					for _, r := range term {
						if !isWordRune(r) {
							t.Fatalf("term %q of %q has %q", term, s, r)
						}
					}
				}
			}
		}
	})
}
