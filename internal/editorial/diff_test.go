package editorial

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []Line
	}{
		{name: "both empty", a: "", b: "", want: []Line{}},
		{name: "insert into empty", a: "", b: "one\ntwo\n", want: []Line{
			{Op: Insert, Text: "one", NewNo: 1},
			{Op: Insert, Text: "two", NewNo: 2},
		}},
		{name: "delete everything", a: "one\ntwo", b: "", want: []Line{
			{Op: Delete, Text: "one", OldNo: 1},
			{Op: Delete, Text: "two", OldNo: 2},
		}},
		{name: "identical", a: "a\nb", b: "a\nb", want: []Line{
			{Op: Equal, Text: "a", OldNo: 1, NewNo: 1},
			{Op: Equal, Text: "b", OldNo: 2, NewNo: 2},
		}},
		{name: "final newline and CRLF are not changes", a: "a\r\nb\r\n", b: "a\nb", want: []Line{
			{Op: Equal, Text: "a", OldNo: 1, NewNo: 1},
			{Op: Equal, Text: "b", OldNo: 2, NewNo: 2},
		}},
		{name: "replaced line: delete before insert", a: "a\nb\nc", b: "a\nB\nc", want: []Line{
			{Op: Equal, Text: "a", OldNo: 1, NewNo: 1},
			{Op: Delete, Text: "b", OldNo: 2},
			{Op: Insert, Text: "B", NewNo: 2},
			{Op: Equal, Text: "c", OldNo: 3, NewNo: 3},
		}},
		{name: "inserted paragraph shifts numbers", a: "a\n\nc", b: "a\n\nb\n\nc", want: []Line{
			{Op: Equal, Text: "a", OldNo: 1, NewNo: 1},
			{Op: Equal, Text: "", OldNo: 2, NewNo: 2},
			{Op: Insert, Text: "b", NewNo: 3},
			{Op: Insert, Text: "", NewNo: 4},
			{Op: Equal, Text: "c", OldNo: 3, NewNo: 5},
		}},
		{name: "cyrillic and azerbaijani", a: "Баку\nBakı şəhəri\nконец", b: "Баку\nBakı şəhəri böyükdür\nконец", want: []Line{
			{Op: Equal, Text: "Баку", OldNo: 1, NewNo: 1},
			{Op: Delete, Text: "Bakı şəhəri", OldNo: 2},
			{Op: Insert, Text: "Bakı şəhəri böyükdür", NewNo: 2},
			{Op: Equal, Text: "конец", OldNo: 3, NewNo: 3},
		}},
		{name: "moved line", a: "x\ny\nz", b: "y\nz\nx", want: []Line{
			{Op: Delete, Text: "x", OldNo: 1},
			{Op: Equal, Text: "y", OldNo: 2, NewNo: 1},
			{Op: Equal, Text: "z", OldNo: 3, NewNo: 2},
			{Op: Insert, Text: "x", NewNo: 3},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.a, tt.b)
			if got == nil {
				got = []Line{}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff(%q, %q)\n got %+v\nwant %+v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	tests := []struct {
		name         string
		a, b         string
		wantInserted int
		wantDeleted  int
	}{
		{name: "empty", a: "", b: "", wantInserted: 0, wantDeleted: 0},
		{name: "one replaced", a: "a\nb\nc", b: "a\nx\nc", wantInserted: 1, wantDeleted: 1},
		{name: "appended", a: "a", b: "a\nb\nc", wantInserted: 2, wantDeleted: 0},
		{name: "cut", a: "a\nb\nc\nd", b: "d", wantInserted: 0, wantDeleted: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ins, del := Stats(Diff(tt.a, tt.b))
			if ins != tt.wantInserted || del != tt.wantDeleted {
				t.Errorf("Stats = (%d, %d), want (%d, %d)", ins, del, tt.wantInserted, tt.wantDeleted)
			}
		})
	}
}

func TestWordDiff(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []Span
	}{
		{name: "both empty", a: "", b: "", want: nil},
		{name: "identical", a: "same words", b: "same words", want: []Span{{Equal, "same words"}}},
		{name: "one word changed", a: "The minister resigned on Monday.", b: "The minister resigned on Tuesday.", want: []Span{
			{Equal, "The minister resigned on "}, {Delete, "Monday"}, {Insert, "Tuesday"}, {Equal, "."},
		}},
		{name: "rewritten phrase stays one change", a: "the quick brown fox", b: "a slow red fox", want: []Span{
			{Delete, "the quick brown"}, {Insert, "a slow red"}, {Equal, " fox"},
		}},
		{name: "inserted word", a: "Bakı şəhəri", b: "Bakı şəhəri böyükdür", want: []Span{
			{Equal, "Bakı şəhəri"}, {Insert, " böyükdür"},
		}},
		{name: "cyrillic", a: "Президент подписал указ", b: "Премьер подписал указ", want: []Span{
			{Delete, "Президент"}, {Insert, "Премьер"}, {Equal, " подписал указ"},
		}},
		{name: "apostrophe word is one unit", a: "don't go", b: "do go", want: []Span{
			{Delete, "don't"}, {Insert, "do"}, {Equal, " go"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WordDiff(tt.a, tt.b)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("WordDiff(%q, %q)\n got %q\nwant %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"\n", []string{""}},
		{"a", []string{"a"}},
		{"a\n", []string{"a"}},
		{"a\n\n", []string{"a", ""}},
		{"a\r\nb\r\n", []string{"a", "b"}},
		{"a\rb", []string{"a\rb"}},
		{"a\r", []string{"a\r"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			if got := splitLines(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("splitLines(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestDiffMinimal checks on random small inputs that the number of changed lines equals
// the minimum, len(a)+len(b)-2·LCS, computed by dynamic programming.
func TestDiffMinimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		a := randomText(rng, rng.IntN(30), 4)
		b := randomText(rng, rng.IntN(30), 4)
		checkDiff(t, a, b)
		if t.Failed() {
			t.Fatalf("case %d failed", i)
		}
	}
}

func randomText(rng *rand.Rand, lines, alphabet int) string {
	var sb strings.Builder
	for range lines {
		sb.WriteByte(byte('a' + rng.IntN(alphabet)))
		sb.WriteByte('\n')
	}
	return sb.String()
}

// checkDiff asserts every property of Diff(a, b): both texts rebuild from it, line numbers
// run in order, the change is minimal (for inputs small enough to check), and WordDiff
// rebuilds both texts too.
func checkDiff(t *testing.T, a, b string) {
	t.Helper()
	lines := Diff(a, b)
	var oldText, newText []string
	oldNo, newNo := 0, 0
	for _, l := range lines {
		if l.Op != Insert {
			oldNo++
			oldText = append(oldText, l.Text)
			if l.OldNo != oldNo {
				t.Fatalf("Diff(%q, %q): line %+v has OldNo %d, want %d", a, b, l, l.OldNo, oldNo)
			}
		} else if l.OldNo != 0 {
			t.Fatalf("Diff(%q, %q): inserted line %+v has OldNo", a, b, l)
		}
		if l.Op != Delete {
			newNo++
			newText = append(newText, l.Text)
			if l.NewNo != newNo {
				t.Fatalf("Diff(%q, %q): line %+v has NewNo %d, want %d", a, b, l, l.NewNo, newNo)
			}
		} else if l.NewNo != 0 {
			t.Fatalf("Diff(%q, %q): deleted line %+v has NewNo", a, b, l)
		}
	}
	if got, want := strings.Join(oldText, "\n"), normalizeNewlines(a); got != want {
		t.Fatalf("Diff(%q, %q): Equal+Delete lines give %q, want %q", a, b, got, want)
	}
	if got, want := strings.Join(newText, "\n"), normalizeNewlines(b); got != want {
		t.Fatalf("Diff(%q, %q): Equal+Insert lines give %q, want %q", a, b, got, want)
	}
	if len(oldText) <= 200 && len(newText) <= 200 {
		ins, del := Stats(lines)
		if want := len(oldText) + len(newText) - 2*lcsLen(oldText, newText); ins+del != want {
			t.Fatalf("Diff(%q, %q): %d changed lines, minimum is %d", a, b, ins+del, want)
		}
	}

	var oldWords, newWords strings.Builder
	for _, s := range WordDiff(a, b) {
		if s.Op != Insert {
			oldWords.WriteString(s.Text)
		}
		if s.Op != Delete {
			newWords.WriteString(s.Text)
		}
	}
	if oldWords.String() != a || newWords.String() != b {
		t.Fatalf("WordDiff(%q, %q) rebuilds %q and %q", a, b, oldWords.String(), newWords.String())
	}
}

// normalizeNewlines is what a text looks like after a line diff: LF line ends, no final
// newline.
func normalizeNewlines(s string) string {
	return strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
}

func lcsLen(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func FuzzDiff(f *testing.F) {
	f.Add("", "")
	f.Add("a\nb\nc\n", "a\nc\nd\n")
	f.Add("a\r\nb\r\n", "a\nb")
	f.Add("Баку\nBakı şəhəri\n\nконец", "Баку\n\nBakı şəhəri böyükdür\nконец\n")
	f.Add("x\ny\nz", "y\nz\nx")
	f.Add("\n\n\n", "\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 1024 || len(b) > 1024 {
			t.Skip("inputs are bounded to keep each run fast")
		}
		checkDiff(t, a, b)
	})
}

// article returns a body of n lines of distinct prose-like paragraphs and blank lines.
func article(rng *rand.Rand, n int) []string {
	words := strings.Fields("the minister said on monday that talks in baku would resume after the holiday " +
		"президент подписал указ о назначении новых послов şəhər mərkəzində yeni park açıldı")
	lines := make([]string, n)
	for i := range lines {
		if i%2 == 1 {
			continue
		}
		k := 8 + rng.IntN(30)
		ws := make([]string, k)
		for j := range ws {
			ws[j] = words[rng.IntN(len(words))]
		}
		lines[i] = strings.Join(ws, " ") + "."
	}
	return lines
}

// edited returns a copy of lines with roughly frac of them replaced, deleted or followed by
// a new line.
func edited(rng *rand.Rand, lines []string, frac float64) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		switch p := rng.Float64(); {
		case p < frac/3:
			out = append(out, l+" (updated)")
		case p < 2*frac/3:
		case p < frac:
			out = append(out, l, fmt.Sprintf("New paragraph %d.", rng.IntN(1e6)))
		default:
			out = append(out, l)
		}
	}
	return out
}

// TestDiffLarge diffs two 2,000-line bodies, the worst cases for Myers' algorithm. How long
// that takes is BenchmarkDiff's to measure, not a test's to guess: a wall-clock bound failed
// on a loaded machine (850 ms against 500 ms).
func TestDiffLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	a := article(rng, 2000)
	for name, b := range map[string][]string{
		"unrelated": article(rng, 2000),
		"shuffled":  shuffled(rng, a), // same lines, new order: the most work per change
	} {
		t.Run(name, func(t *testing.T) {
			lines := Diff(strings.Join(a, "\n"), strings.Join(b, "\n"))
			if ins, del := Stats(lines); ins+del == 0 {
				t.Error("Diff found no changes")
			}
		})
	}
}

// shuffled returns the lines in random order: every line is on both sides but the longest
// common subsequence is short, the worst case for Myers' algorithm.
func shuffled(rng *rand.Rand, lines []string) []string {
	out := append([]string(nil), lines...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func BenchmarkDiff(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	base := article(rng, 2000)
	cases := []struct {
		name string
		new  []string
	}{
		{"2000_lines_identical", base},
		{"2000_lines_1pct_edited", edited(rng, base, 0.01)},
		{"2000_lines_10pct_edited", edited(rng, base, 0.10)},
		{"2000_lines_50pct_edited", edited(rng, base, 0.50)},
		{"2000_lines_unrelated", article(rng, 2000)},
		{"2000_lines_shuffled", shuffled(rng, base)},
	}
	old := strings.Join(base, "\n")
	for _, c := range cases {
		neu := strings.Join(c.new, "\n")
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Diff(old, neu)
			}
		})
	}
}

func BenchmarkWordDiff(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	old := strings.Join(article(rng, 1), " ")
	neu := strings.Join(edited(rng, strings.Fields(old), 0.2), " ")
	b.ReportAllocs()
	for b.Loop() {
		WordDiff(old, neu)
	}
}
