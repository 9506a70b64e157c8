package importer

import "encoding/xml"

// The pieces of an item the hand-written decoder (decodeItem) reads: comments, custom
// fields and the text of an element.

func decodeComment(d *xml.Decoder) (wxrComment, error) {
	var c wxrComment
	for {
		tok, err := d.Token()
		if err != nil {
			return c, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return c, nil
		case xml.StartElement:
			var f *string
			switch t.Name.Local {
			case "commentmeta":
				m, err := decodeMeta(d)
				if err != nil {
					return c, err
				}
				c.Meta = append(c.Meta, m)
				continue
			case "comment_id":
				f = &c.ID
			case "comment_author":
				f = &c.Author
			case "comment_author_email":
				f = &c.Email
			case "comment_date":
				f = &c.Date
			case "comment_date_gmt":
				f = &c.DateGMT
			case "comment_content":
				f = &c.Content
			case "comment_approved":
				f = &c.Approved
			case "comment_type":
				f = &c.Type
			case "comment_parent":
				f = &c.Parent
			}
			if f != nil {
				*f, err = elementText(d)
			} else {
				err = d.Skip()
			}
			if err != nil {
				return c, err
			}
		}
	}
}

// decodeMeta reads a postmeta, commentmeta or termmeta element just started.
func decodeMeta(d *xml.Decoder) (wxrMeta, error) {
	var m wxrMeta
	for {
		tok, err := d.Token()
		if err != nil {
			return m, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return m, nil
		case xml.StartElement:
			switch t.Name.Local {
			case "meta_key":
				m.Key, err = elementText(d)
			case "meta_value":
				m.Value, err = elementText(d)
			default:
				err = d.Skip()
			}
			if err != nil {
				return m, err
			}
		}
	}
}

// elementText returns the character data directly inside the element just started (the
// text of elements nested in it is left out) and reads past its end.
func elementText(d *xml.Decoder) (string, error) {
	var text string
	var more []byte // when the text comes in several pieces (around a comment, say)
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			switch {
			case more != nil:
				more = append(more, t...)
			case text == "":
				text = string(t)
			default:
				more = append([]byte(text), t...)
			}
		case xml.StartElement:
			if err := d.Skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			if more != nil {
				return string(more), nil
			}
			return text, nil
		}
	}
}
