package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Request limits.
const (
	maxJSONBody  = 1 << 20  // a JSON request body
	maxImageBody = 25 << 20 // a multipart image upload
	maxJSONDepth = 16       // nesting of objects and arrays in a JSON body
)

// decodeJSON reads one JSON object from the body into dst: at most maxJSONBody bytes and
// maxJSONDepth levels, no unknown fields, nothing after it. An empty body is accepted (as
// {}) only when optional is set.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any, optional bool) error {
	if r.ContentLength > maxJSONBody {
		return tooLarge(maxJSONBody)
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
	if err != nil {
		var maxe *http.MaxBytesError
		if errors.As(err, &maxe) {
			return tooLarge(maxe.Limit) // this limit, or a lower one set by an outer handler
		}
		return badRequest("The request body could not be read.")
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		if optional {
			return nil
		}
		return badRequest("The request body is empty; send a JSON object.")
	}
	if data[0] != '{' {
		return badRequest("The request body must be a JSON object.")
	}
	if err := checkDepth(data, maxJSONDepth); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest("The request body has data after the JSON object.")
	}
	return nil
}

// decodeError turns a json error into a 400 that says what is wrong.
func decodeError(err error) error {
	var (
		se *json.SyntaxError
		te *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &se):
		return badRequest("The request body is not valid JSON (at byte %d).", se.Offset)
	case errors.As(err, &te) && te.Field != "":
		return badRequest("Field %q must be %s, not %s.", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
	case errors.As(err, &te):
		return badRequest("The request body must be a JSON object.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("The request body is cut short.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return badRequest("Unknown field %s.", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return badRequest("The request body is not a valid JSON object.")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "int", "int64", "int32":
		return "an integer"
	case "slice":
		return "an array"
	case "struct", "map":
		return "an object"
	case "bool":
		return "true or false"
	case "ptr":
		return "a value of another type"
	}
	return "of another type"
}

// checkDepth refuses JSON nested deeper than max, before it is decoded.
func checkDepth(data []byte, max int) error {
	depth, inString, escaped := 0, false, false
	for _, c := range data {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return badRequest("The JSON is nested deeper than %d levels.", max)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// pathID parses a positive decimal id from a path segment; anything else is a 404, since
// no item has that id.
func pathID(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	if s == "" || len(s) > 19 || s[0] == '0' {
		return 0, notFound()
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, notFound()
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, notFound()
	}
	return n, nil
}

// pathVersion parses a revision number from the path (1 … 2^31-1).
func pathVersion(r *http.Request) (int, error) {
	n, err := pathID(r, "version")
	if err != nil || n > 1<<31-1 {
		return 0, notFound()
	}
	return int(n), nil
}

// parseTime parses an optional RFC 3339 time: nil or "" is the zero time.
func parseTime(field string, v *string, errs map[string]string) time.Time {
	if v == nil || *v == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, *v)
	if err != nil {
		errs[field] = "Use an RFC 3339 time, e.g. 2026-05-01T09:30:00Z."
		return time.Time{}
	}
	return t
}

// query checks that q has only the allowed parameters, each at most once.
func checkQuery(q url.Values, allowed ...string) error {
	for k, v := range q {
		ok := false
		for _, a := range allowed {
			ok = ok || a == k
		}
		if !ok {
			return badRequest("Unknown query parameter %q; this route takes %s.", k, strings.Join(allowed, ", "))
		}
		if len(v) > 1 {
			return badRequest("Query parameter %q is given more than once.", k)
		}
	}
	return nil
}

// queryInt parses an optional integer query parameter within [min, max].
func queryInt(q url.Values, name string, def, min, max int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, badRequest("Query parameter %q must be an integer from %d to %d.", name, min, max)
	}
	return n, nil
}

// pageParams reads limit and offset.
func pageParams(q url.Values) (limit, offset int, err error) {
	if limit, err = queryInt(q, "limit", 50, 1, 200); err != nil {
		return 0, 0, err
	}
	if offset, err = queryInt(q, "offset", 0, 0, 1_000_000); err != nil {
		return 0, 0, err
	}
	return limit, offset, nil
}

// location is the API path of a created item, for the Location header.
func location(kind string, id int64) string {
	return fmt.Sprintf("/api/v1/newsroom/%s/%d", kind, id)
}
