// Package validate runs the external validators (the W3C's Nu Html Checker, Deque's axe-core in
// headless Chromium, xmllint with the published XML Schemas) from Go tests, so that our output is
// judged by the standards' own tools rather than by our reading of them.
//
// The tools live outside the repository: scripts/test installs them (apt: chromium,
// default-jre-headless, libxml2-utils; npm: vnu-jar, axe-core, playwright-core into EXTVAL_DIR) and
// the shared validators folder (NEWSDESK_VALIDATORS) holds the schemas and axe-check.mjs. When a
// tool is missing the test is skipped with the reason, unless CI or NEWSDESK_REQUIRE_VALIDATORS is
// set: then it fails, so that CI cannot pass by skipping.
//
// Each check has a core that returns []Problem and an error; the exported helpers only report
// them through testing.TB.
package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// EnvValidators names the variable that holds the shared validators folder.
const EnvValidators = "NEWSDESK_VALIDATORS"

// EnvRequire names the variable that turns a missing validator into a failure instead of a skip.
const EnvRequire = "NEWSDESK_REQUIRE_VALIDATORS"

// Problem is one complaint of a validator about one document.
type Problem struct {
	File    string // the page name, URL or document the problem is in
	Line    int    // 1-based; 0 when the validator gave none
	Column  int    // 1-based; 0 when the validator gave none
	Message string
}

// String formats the problem as FILE:LINE:COLUMN: MESSAGE, leaving out what is unknown.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

// unavailableError says that a validator is not installed: the one case that may skip.
type unavailableError struct{ reason string }

func (e *unavailableError) Error() string { return e.reason }

func unavailable(format string, args ...any) error {
	return &unavailableError{reason: fmt.Sprintf(format, args...)}
}

// Dir returns the absolute path of the shared validators folder: NEWSDESK_VALIDATORS, or else
// ../shared/validators beside the module root (the folder holding go.mod, found upward from the
// working directory). It skips the test (fails under CI) when the folder does not exist.
func Dir(t testing.TB) string {
	t.Helper()
	dir, err := validatorsDir()
	if err != nil {
		fail(t, err)
	}
	return dir
}

// HTML checks pages with the Nu Html Checker and reports every error with its page, line and
// message. The map's keys name the pages (they become NAME.html); all pages are checked in one JVM.
func HTML(t testing.TB, pages map[string][]byte) {
	t.Helper()
	problems, err := checkHTML(context.Background(), pages)
	if err != nil {
		fail(t, err)
	}
	for _, p := range problems {
		t.Errorf("vnu: %s", p)
	}
}

// Axe runs axe-core on each URL in headless Chromium (through axe-check.mjs in the validators
// folder) and reports the violations of every page that has a serious or critical one. Minor and
// moderate violations alone are only logged. The URLs should be on 127.0.0.1 or file://.
func Axe(t testing.TB, urls ...string) {
	t.Helper()
	for _, u := range urls {
		problems, failed, err := checkAxe(context.Background(), u)
		if err != nil {
			fail(t, err)
		}
		for _, p := range problems {
			if failed {
				t.Errorf("axe: %s", p)
			} else {
				t.Logf("axe (below serious, not failing): %s", p)
			}
		}
	}
}

// AxeScript returns axe-core's browser script (axe.min.js, Deque, MPL-2.0) from EXTVAL_DIR, for
// a test that drives the browser itself and runs axe in the page (axe.run). It skips, as the
// other checks do, when axe-core is not installed.
func AxeScript(t testing.TB) string {
	t.Helper()
	p := filepath.Join(extvalDir(), "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p) // #nosec G304 -- the validators' own install directory
	if err != nil {
		fail(t, unavailable("%s not found (npm install --prefix EXTVAL_DIR axe-core): %v", p, err))
	}
	return string(b)
}

// XMLSchema validates doc against the XML Schema at xsdPath with xmllint (no network) and reports
// every error with its line.
func XMLSchema(t testing.TB, xsdPath string, doc []byte) {
	t.Helper()
	problems, err := checkXMLSchema(context.Background(), xsdPath, doc)
	if err != nil {
		fail(t, err)
	}
	for _, p := range problems {
		t.Errorf("xmllint (%s): %s", filepath.Base(xsdPath), p)
	}
}

// RelaxNG validates doc against a RELAX NG schema (e.g. Atom's) with xmllint and reports
// every error with its line.
func RelaxNG(t testing.TB, rngPath string, doc []byte) {
	t.Helper()
	problems, err := checkXML(context.Background(), "--relaxng", rngPath, doc)
	if err != nil {
		fail(t, err)
	}
	for _, p := range problems {
		t.Errorf("xmllint (%s): %s", filepath.Base(rngPath), p)
	}
}

// fail skips the test when err says a tool is missing (fails instead under CI) and fails it
// otherwise.
func fail(t testing.TB, err error) {
	t.Helper()
	var missing *unavailableError
	if !errors.As(err, &missing) {
		t.Fatalf("validate: %v", err)
	}
	if required() {
		t.Fatalf("validate: %v (CI or %s is set, so a missing validator is a failure, not a skip)", err, EnvRequire)
	}
	t.Skipf("validate: skipping: %v; scripts/test installs the validators", err)
}

func required() bool {
	return truthy(os.Getenv("CI")) || truthy(os.Getenv(EnvRequire))
}

func truthy(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v != "" && v != "0" && v != "false" && v != "no"
}

func validatorsDir() (string, error) {
	dir := os.Getenv(EnvValidators)
	if dir == "" {
		root, err := moduleRoot()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(root, "..", "shared", "validators")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolve validators folder %s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() { // #nosec G703 -- test helper: the validators folder named by the developer (NEWSDESK_VALIDATORS)
		return "", unavailable("validators folder %s not found (set %s)", abs, EnvValidators)
	}
	return abs, nil
}

// moduleRoot finds the folder holding go.mod, upward from the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find module root: no go.mod above the working directory")
		}
		dir = parent
	}
}

// extvalDir is where npm installed vnu-jar, axe-core and playwright-core: EXTVAL_DIR, or else
// the same default as scripts/test, ${XDG_CACHE_HOME:-$HOME/.cache}/newsdesk-extval.
func extvalDir() string {
	if dir := os.Getenv("EXTVAL_DIR"); dir != "" {
		return dir
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "newsdesk-extval")
	}
	return filepath.Join(cache, "newsdesk-extval")
}

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// pageFileNames gives each page key a distinct, safe file name NAME.html, and returns the map back
// from file name to key.
func pageFileNames(keys []string) map[string]string {
	sort.Strings(keys)
	byFile := make(map[string]string, len(keys))
	for _, key := range keys {
		base := strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
				return r
			}
			return '_'
		}, strings.TrimSuffix(key, ".html"))
		base = strings.Trim(base, ".")
		if base == "" {
			base = "page"
		}
		name := base + ".html"
		for i := 2; taken(byFile, name); i++ {
			name = base + "-" + strconv.Itoa(i) + ".html"
		}
		byFile[name] = key
	}
	return byFile
}

func taken(byFile map[string]string, name string) bool {
	_, ok := byFile[name]
	return ok
}

// vnuOutput is the Nu Html Checker's --format json report.
type vnuOutput struct {
	Messages []struct {
		Type        string `json:"type"`
		URL         string `json:"url"`
		LastLine    int    `json:"lastLine"`
		FirstColumn int    `json:"firstColumn"`
		LastColumn  int    `json:"lastColumn"`
		Message     string `json:"message"`
		Extract     string `json:"extract"`
	} `json:"messages"`
}

// checkHTML writes the pages into a temporary folder and checks them all in one vnu run.
func checkHTML(ctx context.Context, pages map[string][]byte) ([]Problem, error) {
	if len(pages) == 0 {
		return nil, nil
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return nil, unavailable("java not found in PATH (apt-get install default-jre-headless)")
	}
	jar := filepath.Join(extvalDir(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if !fileExists(jar) {
		return nil, unavailable("%s not found (npm install --prefix EXTVAL_DIR vnu-jar)", jar)
	}

	dir, err := os.MkdirTemp("", "validate-html-")
	if err != nil {
		return nil, fmt.Errorf("make folder for pages: %w", err)
	}
	defer os.RemoveAll(dir)
	keys := make([]string, 0, len(pages))
	for k := range pages {
		keys = append(keys, k)
	}
	byFile := pageFileNames(keys)
	for name, key := range byFile {
		if err := os.WriteFile(filepath.Join(dir, name), pages[key], 0o644); err != nil { // #nosec G306 -- test helper: pages for the validator in a temporary directory
			return nil, fmt.Errorf("write page %s: %w", key, err)
		}
	}

	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, java, "-jar", jar, "--errors-only", "--format", "json", dir) // #nosec G204 -- test helper: runs the HTML checker (java -jar vnu.jar) on files it wrote
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var exitErr *exec.ExitError
	if runErr != nil && !(errors.As(runErr, &exitErr) && exitErr.ExitCode() == 1) {
		return nil, fmt.Errorf("run vnu: %w\n%s%s", runErr, stdout.Bytes(), stderr.Bytes())
	}
	// vnu writes its report to stderr (to stdout with --stdout); take whichever holds it.
	report := bytes.TrimSpace(stderr.Bytes())
	if len(report) == 0 {
		report = bytes.TrimSpace(stdout.Bytes())
	}
	var out vnuOutput
	if err := json.Unmarshal(report, &out); err != nil {
		return nil, fmt.Errorf("read vnu report: %w\n%s", err, report)
	}
	var problems []Problem
	for _, m := range out.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		file := filepath.Base(strings.TrimPrefix(m.URL, "file:"))
		if key, ok := byFile[file]; ok {
			file = key
		}
		msg := m.Message
		if m.Extract != "" {
			msg += " — near " + strconv.Quote(m.Extract)
		}
		problems = append(problems, Problem{File: file, Line: m.LastLine, Column: m.FirstColumn, Message: msg})
	}
	if runErr != nil && len(problems) == 0 {
		return nil, fmt.Errorf("vnu exited 1 without reporting an error:\n%s", report)
	}
	return problems, nil
}

// axeReport is what axe-check.mjs prints.
type axeReport struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	} `json:"violations"`
}

// checkAxe runs axe-check.mjs on one URL. It returns every violation (one Problem per rule, naming
// up to five offending elements) and whether any is serious or critical (the script's exit 1).
func checkAxe(ctx context.Context, url string) (problems []Problem, failed bool, err error) {
	dir, err := validatorsDir()
	if err != nil {
		return nil, false, err
	}
	script := filepath.Join(dir, "axe-check.mjs")
	if !fileExists(script) {
		return nil, false, unavailable("%s not found", script)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, false, unavailable("node not found in PATH (apt-get install nodejs)")
	}
	ext := extvalDir()
	for _, pkg := range []string{"axe-core/axe.min.js", "playwright-core/package.json"} {
		if p := filepath.Join(ext, "node_modules", pkg); !fileExists(p) {
			return nil, false, unavailable("%s not found (npm install --prefix EXTVAL_DIR axe-core playwright-core)", p)
		}
	}
	chromium := chromiumPath()
	if !fileExists(chromium) {
		return nil, false, unavailable("Chromium not found at %s (apt-get install chromium, or set CHROMIUM)", chromium)
	}

	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, node, script, url) // #nosec G204 -- test helper: runs the axe script with node on a local test server URL
	cmd.Env = append(os.Environ(), "EXTVAL_DIR="+ext, "CHROMIUM="+chromium)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case runErr == nil:
	case errors.As(runErr, &exitErr) && exitErr.ExitCode() == 1:
		failed = true
	default:
		return nil, false, fmt.Errorf("axe-check %s could not run: %w\n%s", url, runErr, stderr.Bytes())
	}
	var report axeReport
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		return nil, false, fmt.Errorf("read axe-check report for %s: %w\n%s", url, err, stdout.Bytes())
	}
	for _, v := range report.Violations {
		var where []string
		for i, n := range v.Nodes {
			if i == 5 {
				where = append(where, fmt.Sprintf("… %d more", len(v.Nodes)-i))
				break
			}
			where = append(where, fmt.Sprintf("%v %s", n.Target, n.HTML))
		}
		problems = append(problems, Problem{
			File:    url,
			Message: fmt.Sprintf("%s [%s]: %s; at %s", v.Impact, v.ID, v.Help, strings.Join(where, "; ")),
		})
	}
	if failed && len(problems) == 0 {
		return nil, false, fmt.Errorf("axe-check %s exited 1 without a violation:\n%s", url, stdout.Bytes())
	}
	return problems, failed, nil
}

// xmllintLine matches one diagnostic line of xmllint: FILE:LINE: MESSAGE.
var xmllintLine = regexp.MustCompile(`^(.*?):(\d+): (.*)$`)

// checkXMLSchema validates doc against xsdPath with xmllint. Exit 1 (not well-formed) and 3
// (invalid) are problems of the document; any other failure is an error.
func checkXMLSchema(ctx context.Context, xsdPath string, doc []byte) ([]Problem, error) {
	return checkXML(ctx, "--schema", xsdPath, doc)
}

// checkXML validates doc with xmllint against a schema given with flag (--schema for XML
// Schema, --relaxng for RELAX NG).
func checkXML(ctx context.Context, flag, xsdPath string, doc []byte) ([]Problem, error) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		return nil, unavailable("xmllint not found in PATH (apt-get install libxml2-utils)")
	}
	if !fileExists(xsdPath) {
		return nil, fmt.Errorf("schema %s not found", xsdPath)
	}
	dir, err := os.MkdirTemp("", "validate-xml-")
	if err != nil {
		return nil, fmt.Errorf("make folder for document: %w", err)
	}
	defer os.RemoveAll(dir)
	docPath := filepath.Join(dir, "document.xml")
	if err := os.WriteFile(docPath, doc, 0o644); err != nil { // #nosec G306 -- test helper: a document for the validator in a temporary directory
		return nil, fmt.Errorf("write document: %w", err)
	}

	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, xmllint, "--noout", "--nonet", flag, xsdPath, docPath) // #nosec G204 -- fixed tool and flags
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	if runErr == nil {
		return nil, nil
	}
	var exitErr *exec.ExitError
	if !errors.As(runErr, &exitErr) || (exitErr.ExitCode() != 1 && exitErr.ExitCode() != 3) {
		return nil, fmt.Errorf("run xmllint with %s: %w\n%s", xsdPath, runErr, stderr.Bytes())
	}
	var problems []Problem
	for _, line := range strings.Split(stderr.String(), "\n") {
		m := xmllintLine.FindStringSubmatch(line)
		if m == nil || m[1] != docPath {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		problems = append(problems, Problem{File: "document", Line: n, Message: m[3]})
	}
	if len(problems) == 0 {
		problems = append(problems, Problem{File: "document", Message: strings.TrimSpace(stderr.String())})
	}
	return problems, nil
}
