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
func goTexts(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	args := map[string][]int{"tr": {1}, "en": {0}, "baseView": {3}, "message": {3, 4}}
	fields := []string{"Title", "Notice", "Heading", "Text"}
	out := map[string]string{} // text → where
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		add := func(e ast.Expr) {
			lit, ok := e.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
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
	texts := goTexts(t, ".")
	if len(texts) < 50 {
		t.Fatalf("found only %d texts in the desk's Go files: is the scan broken?", len(texts))
	}
	for s, where := range goTexts(t, filepath.Join("..", "..", "newsroom")) {
		texts[s] = where
	}
	for en, where := range texts {
		checkCatalogs(t, where, en)
	}
}
