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
