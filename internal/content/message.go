package content

import "fmt"

// Message is a human message of a domain package in a form a surface can translate: an
// English fmt format and its arguments. The domain keeps speaking English (String, the
// API, the logs); the newsroom looks Format up in its catalogs and then formats Args,
// which stay as given (a section key, a number, a time the user typed).
type Message struct {
	Format string
	Args   []any
}

// Msg is the message format formatted with args.
func Msg(format string, args ...any) Message {
	return Message{Format: format, Args: args}
}

// String is the message in English.
func (m Message) String() string {
	if len(m.Args) == 0 {
		return m.Format
	}
	return fmt.Sprintf(m.Format, m.Args...)
}

// Set gives field the message format formatted with args: the English text in Fields, the
// format and its arguments in Messages (for a surface that translates them).
func (e *FieldError) Set(field, format string, args ...any) {
	m := Msg(format, args...)
	if e.Fields == nil {
		e.Fields = map[string]string{}
	}
	e.Fields[field] = m.String()
	if len(args) == 0 {
		delete(e.Messages, field)
		return
	}
	if e.Messages == nil {
		e.Messages = map[string]Message{}
	}
	e.Messages[field] = m
}

// Message is field's message as a format and its arguments; a text set without arguments
// (straight into Fields) is a format of its own.
func (e *FieldError) Message(field string) Message {
	if m, ok := e.Messages[field]; ok && m.String() == e.Fields[field] {
		return m
	}
	return Message{Format: e.Fields[field]}
}

// Refusal is a request the domain turns down for a reason it can say (a story in the wrong
// state, a version that exists already): Kind is what errors.Is finds (ErrConflict, a
// media error), Message the reason in a form a surface can translate.
type Refusal struct {
	Kind    error
	Message Message
	// KindFirst writes Kind before the message ("the file is too large: the limit is
	// 20 MB"), for a message that details the kind rather than stands for it.
	KindFirst bool
}

// Refuse is a refusal of kind for the reason format formatted with args; its Error is
// "reason: kind", as fmt.Errorf("reason: %w", kind) gives.
func Refuse(kind error, format string, args ...any) *Refusal {
	return &Refusal{Kind: kind, Message: Msg(format, args...)}
}

// RefuseDetail is a refusal of kind detailed by format formatted with args; its Error is
// "kind: detail", as fmt.Errorf("%w: detail", kind) gives.
func RefuseDetail(kind error, format string, args ...any) *Refusal {
	return &Refusal{Kind: kind, Message: Msg(format, args...), KindFirst: true}
}

// Error is the refusal in English.
func (e *Refusal) Error() string {
	if e.KindFirst {
		return e.Kind.Error() + ": " + e.Message.String()
	}
	return e.Message.String() + ": " + e.Kind.Error()
}

// Unwrap makes errors.Is(err, e.Kind) true.
func (e *Refusal) Unwrap() error { return e.Kind }
