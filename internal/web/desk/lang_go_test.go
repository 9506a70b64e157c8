package desk

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// goTexts finds the English texts the Go files of dir (tests aside) put on newsroom pages:
// what is passed to tr, en, baseView (the title) and message (heading and text), and
// what is assigned to a Title, Notice, Heading or Text field or to an errs[...] entry, and
// the messages of a FieldError's Fields or a view's Errors written as a map literal.
//
// In a domain package (domain true) it also finds the formats of its messages: what is
// passed to a FieldError's Set, to content.Msg, and to any function of the package that
// takes (…, format string, args ...any) and so forwards a format. And it fails on a
// message the desk could not translate: a FieldError message built with fmt.Sprintf or
// +, or a format that is not a literal where it is not forwarded.
func goTexts(t *testing.T, dir string, domain bool) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	args := map[string][]int{"tr": {1}, "en": {0}, "baseView": {3}, "message": {3, 4}}
	fields := []string{"Title", "Notice", "Heading", "Text"}
	out := map[string]string{} // text → where
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, file)
	}
	formats := map[string]int{} // a function of a domain package that takes a format → its index
	if domain {
		formats = formatTakers(parsed)
		formats["Set"], formats["Msg"], formats["Refuse"], formats["RefuseDetail"] = 1, 0, 1, 1
		for name, i := range formats {
			args[name] = []int{i}
		}
	}
	for _, file := range parsed {
		add := func(e ast.Expr) {
			lit, ok := e.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				if domain {
					if id, ok := e.(*ast.Ident); ok && id.Name == "format" {
						return // forwarded: its callers' formats are found
					}
					if untranslatable(e) {
						t.Errorf("%s: a message built with fmt.Sprintf or + cannot be translated; give the format and its arguments (FieldError.Set, content.Msg)",
							fset.Position(e.Pos()))
					}
				}
				return
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && s != "" {
				out[s] = fset.Position(lit.Pos()).String()
			}
		}
		// A text split over lines with + is one text.
		var joined func(e ast.Expr) ast.Expr
		joined = func(e ast.Expr) ast.Expr {
			b, ok := e.(*ast.BinaryExpr)
			if !ok || b.Op != token.ADD {
				return e
			}
			x, ok1 := joined(b.X).(*ast.BasicLit)
			y, ok2 := joined(b.Y).(*ast.BasicLit)
			if !ok1 || !ok2 || x.Kind != token.STRING || y.Kind != token.STRING {
				return e
			}
			xs, _ := strconv.Unquote(x.Value)
			ys, _ := strconv.Unquote(y.Value)
			return &ast.BasicLit{ValuePos: x.ValuePos, Kind: token.STRING, Value: strconv.Quote(xs + ys)}
		}
		// mapValues adds the messages of map[string]string{"field": "message"} (a
		// FieldError's, a view's Errors).
		mapValues := func(e ast.Expr) {
			if c, ok := e.(*ast.CompositeLit); ok {
				for _, e := range c.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						add(joined(kv.Value))
					}
				}
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var name string
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				for _, i := range args[name] {
					if i < len(n.Args) {
						add(joined(n.Args[i]))
					}
				}
				if _, ok := formats[name]; ok && domain {
					return true
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && slices.Contains(fields, k.Name) {
					add(joined(n.Value))
				}
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Fields" {
					mapValues(n.Value)
				}
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, l := range n.Lhs {
					switch l := l.(type) {
					case *ast.SelectorExpr:
						if slices.Contains(fields, l.Sel.Name) {
							add(joined(n.Rhs[i]))
						}
						if l.Sel.Name == "Errors" {
							mapValues(n.Rhs[i])
						}
					case *ast.IndexExpr:
						if id, ok := l.X.(*ast.Ident); ok && id.Name == "errs" {
							add(joined(n.Rhs[i]))
						}
					}
				}
			}
			return true
		})
	}
	return out
}

// TestDeskGoTextsTranslated holds every text the desk's handlers put on a page, and every
// field message of the newsroom's domain that the desk shows beside a field, to a Russian
// and an Azerbaijani translation with the same fmt verbs.
func TestDeskGoTextsTranslated(t *testing.T) {
	texts := goTexts(t, ".", false)
	if len(texts) < 50 {
		t.Fatalf("found only %d texts in the desk's Go files: is the scan broken?", len(texts))
	}
	for _, dir := range deskDomains {
		found := goTexts(t, filepath.Join("..", "..", dir), true)
		if len(found) == 0 {
			t.Fatalf("found only %d messages in %s: is the scan broken?", len(found), dir)
		}
		for s, where := range found {
			texts[s] = where
		}
	}
	for _, want := range []string{"Unknown section %q.", "Story %d is on the list twice; each story may stand in one place only.",
		"it is only spaces", "only a published story can be corrected; this one is %s", "the limit is %s"} {
		if _, ok := texts[want]; !ok {
			t.Errorf("the scan missed the domain's message %q", want)
		}
	}
	for _, k := range mediaKinds {
		texts[k.Error()] = "mediaKinds"
	}
	for en, where := range texts {
		checkCatalogs(t, where, en)
	}
}

// deskDomains are the domain packages whose messages the newsroom shows (field errors,
// refusals), relative to internal/.
var deskDomains = []string{"newsroom", "review", "account", "media", "pages"}

// formatTakers finds the functions of files that take (…, format string, args ...any):
// named functions and methods, and function literals bound to a name; each maps to the
// index of its format parameter.
func formatTakers(files []*ast.File) map[string]int {
	out := map[string]int{}
	check := func(name string, ft *ast.FuncType) {
		var names []string
		var types []ast.Expr
		for _, f := range ft.Params.List {
			for _, n := range f.Names {
				names, types = append(names, n.Name), append(types, f.Type)
			}
		}
		k := len(names)
		if k < 2 || names[k-2] != "format" {
			return
		}
		if id, ok := types[k-2].(*ast.Ident); !ok || id.Name != "string" {
			return
		}
		if _, ok := types[k-1].(*ast.Ellipsis); ok {
			out[name] = k - 2
		}
	}
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				check(n.Name.Name, n.Type)
			case *ast.AssignStmt:
				for i, r := range n.Rhs {
					if fl, ok := r.(*ast.FuncLit); ok && i < len(n.Lhs) {
						if id, ok := n.Lhs[i].(*ast.Ident); ok {
							check(id.Name, fl.Type)
						}
					}
				}
			}
			return true
		})
	}
	return out
}

// untranslatable reports a message made on the spot (fmt.Sprintf, a + of texts): the
// catalogs, which map formats, cannot match what it gives.
func untranslatable(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return e.Op == token.ADD
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "fmt" && strings.HasPrefix(sel.Sel.Name, "Sprint") {
				return true
			}
		}
	}
	return false
}
