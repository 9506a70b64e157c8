package store

import "github.com/newsdesk/newsdesk/internal/content"

// Classify returns err marked for errors.Is with content.ErrStorageFull when it means the
// disk under the database is full (IsStorageFull), or with content.ErrUnavailable when it
// means the database cannot be reached for now (IsUnavailable); any other error is
// returned as it is. Its message is err's. Callers outside store tell the two apart by
// the content sentinels, without importing store.
func (s *Store) Classify(err error) error {
	switch {
	case IsStorageFull(err):
		return markedError{err: err, mark: content.ErrStorageFull}
	case IsUnavailable(err):
		return markedError{err: err, mark: content.ErrUnavailable}
	}
	return err
}

// markedError is an error that also matches a sentinel, with the message of the error.
type markedError struct {
	err, mark error
}

func (e markedError) Error() string   { return e.err.Error() }
func (e markedError) Unwrap() []error { return []error{e.err, e.mark} }
