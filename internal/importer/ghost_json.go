package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// The Ghost reader's walk over JSON tokens: objects, arrays and skipped values, the
// decoding of one value, and errors that say at which line and column a file broke.

// object reads the object that comes next, calling fn with each key to read its value
// (nothing for a null).
func (g *ghostReader) object(field string, fn func(key string) error) error {
	if ok, err := g.open('{', field); err != nil || !ok {
		return err
	}
	return g.fields(fn)
}

// fields reads the rest of an object that was opened, calling fn with each key to read its
// value.
func (g *ghostReader) fields(fn func(key string) error) error {
	for g.d.More() {
		key, err := g.key()
		if err != nil {
			return err
		}
		if err := fn(key); err != nil {
			return err
		}
	}
	_, err := g.token()
	return err
}

// each reads the array that comes next, calling fn to read each element (nothing for a null).
func (g *ghostReader) each(field string, fn func() error) error {
	if ok, err := g.open('[', field); err != nil || !ok {
		return err
	}
	for g.d.More() {
		if err := fn(); err != nil {
			return err
		}
	}
	_, err := g.token()
	return err
}

// open reads the start of the array or object that comes next; ok is false for a null.
func (g *ghostReader) open(want json.Delim, field string) (bool, error) {
	tok, err := g.token()
	if err != nil || tok == nil {
		return false, err
	}
	if tok != want {
		return false, fmt.Errorf("%w (field %s has the wrong type)", ErrNotGhost, field)
	}
	return true, nil
}

func (g *ghostReader) key() (string, error) {
	tok, err := g.token()
	if err != nil {
		return "", err
	}
	k, _ := tok.(string)
	return k, nil
}

// skip reads past the value that comes next, a token at a time: the tables not imported
// (post revisions, members, emails …) may be as large as the posts.
func (g *ghostReader) skip() error {
	depth := 0
	for {
		tok, err := g.token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// stopped returns the handler's error, every 1024 reads.
func (g *ghostReader) stopped() error {
	g.reads++
	if g.stop == nil || g.reads%1024 != 0 {
		return nil
	}
	return g.stop()
}

func (g *ghostReader) token() (json.Token, error) {
	if err := g.stopped(); err != nil {
		return nil, err
	}
	g.lc.forget(g.d.InputOffset())
	tok, err := g.d.Token()
	if err != nil {
		return nil, g.fail(err, "")
	}
	return tok, nil
}

func (g *ghostReader) decode(v any, field string) error {
	if err := g.stopped(); err != nil {
		return err
	}
	g.lc.forget(g.d.InputOffset())
	if err := g.d.Decode(v); err != nil {
		return g.fail(err, field)
	}
	return nil
}

// fail says where a decoding error happened in the file.
func (g *ghostReader) fail(err error, field string) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field != "" {
			field += "." + te.Field
		}
		return fmt.Errorf("%w (field %s has the wrong type)", ErrNotGhost, field)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		at := g.errorOffset()
		line, col := g.lc.position(at)
		return &SyntaxError{Line: line, Column: col, Msg: fmt.Sprintf("%s (at byte %d)", se.Error(), at)}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		line, col := g.lc.position(g.lc.n)
		return &SyntaxError{Line: line, Column: col, Msg: fmt.Sprintf("unexpected end of file (at byte %d)", g.lc.n)}
	}
	return fmt.Errorf("read Ghost export: %w", err)
}

// errorOffset returns the offset in the file of the byte a syntax error is at. The error's
// own Offset counts only the bytes read by Decode, not those read by Token: the error is
// found again in what the decoder holds from its current position on.
func (g *ghostReader) errorOffset() int64 {
	off := g.d.InputOffset()
	var v json.RawMessage
	var se *json.SyntaxError
	if err := json.NewDecoder(g.d.Buffered()).Decode(&v); errors.As(err, &se) {
		off += se.Offset - 1
	}
	return off
}

// lineCounter counts the lines of what the decoder reads, to say at which line and column
// a file broke. It keeps the offsets of the newlines the decoder may still report an error
// before; forget drops those before an offset the decoder has passed.
type lineCounter struct {
	r           io.Reader
	n           int64   // bytes read
	nl          []int64 // offsets of the newlines not forgotten, ascending
	dropped     int     // newlines forgotten
	lastDropped int64   // offset of the last newline forgotten, -1 if none
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := 0, p[:n]; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			break
		}
		c.nl = append(c.nl, c.n+int64(i+j))
		i += j + 1
	}
	c.n += int64(n)
	return n, err
}

func (c *lineCounter) forget(off int64) {
	for len(c.nl) > 0 && c.nl[0] < off {
		c.lastDropped = c.nl[0]
		c.dropped++
		c.nl = c.nl[1:]
	}
}

// position returns the line and column (from 1) of the byte at offset off.
func (c *lineCounter) position(off int64) (line, col int) {
	line, last := c.dropped+1, c.lastDropped
	for _, o := range c.nl {
		if o >= off {
			break
		}
		line, last = line+1, o
	}
	return line, int(off - last)
}
