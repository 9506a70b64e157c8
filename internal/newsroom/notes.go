package newsroom

import (
	"context"
	"fmt"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The workflow events that people are told of (see Note).
const (
	NoteSubmitted = "submitted" // a story waits for an editor
	NoteReturned  = "returned"  // a story went back to its author
	NotePublished = "published" // a story was published (now, or when its time came)
)

// Note is a workflow event that people are told of: the story, who acted (0 for the
// scheduler) and, for a return, the note.
type Note struct {
	Kind      string
	ArticleID int64
	ActorID   int64
	Detail    string
}

// Notifier is called inside the transaction of every event of a Note's kind, after the
// change is written; an error rolls the change back, so what it writes is exactly as
// durable as the change.
type Notifier func(ctx context.Context, tx Tx, n Note) error

// OnNote registers a notifier; call it before serving.
func (s *Service) OnNote(fn Notifier) { s.notifiers = append(s.notifiers, fn) }

func (s *Service) note(ctx context.Context, tx Tx, n Note) error {
	for _, fn := range s.notifiers {
		if err := fn(ctx, tx, n); err != nil {
			return fmt.Errorf("%s note for article %d: %w", n.Kind, n.ArticleID, err)
		}
	}
	return nil
}

// transitionNote is the note of a state change, if it makes one.
func transitionNote(act account.Action, c StateChange) (Note, bool) {
	n := Note{ArticleID: c.ID, ActorID: c.UserID}
	switch {
	case c.To == content.StatusPublished:
		n.Kind = NotePublished
	case act == account.ActSubmit:
		n.Kind = NoteSubmitted
	case act == account.ActReturn:
		n.Kind, n.Detail = NoteReturned, c.Detail
	default:
		return n, false
	}
	return n, true
}
