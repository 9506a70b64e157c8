package api

import (
	"maps"
	"net/http"
	"slices"

	"github.com/newsdesk/newsdesk/internal/content"
)

// Schema helpers for the OpenAPI document (JSON Schema 2020-12, as OpenAPI 3.1 uses).

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func str() map[string]any { return map[string]any{"type": "string"} }

func strEnum(vals ...string) map[string]any {
	e := make([]any, 0, len(vals))
	for _, v := range vals {
		e = append(e, v)
	}
	return map[string]any{"type": "string", "enum": e}
}

func desc(s map[string]any, d string) map[string]any {
	out := maps.Clone(s)
	out["description"] = d
	return out
}

func integer() map[string]any { return map[string]any{"type": "integer", "format": "int64"} }

func nullableInt() map[string]any {
	return map[string]any{"type": []any{"integer", "null"}, "format": "int64"}
}

func dateTime() map[string]any { return map[string]any{"type": "string", "format": "date-time"} }

func nullableTime() map[string]any {
	return map[string]any{"type": []any{"string", "null"}, "format": "date-time"}
}

func arrayOf(items map[string]any) map[string]any {
	return map[string]any{"type": "array", "items": items}
}

func nullableRef(name string) map[string]any {
	return map[string]any{"anyOf": []any{ref(name), map[string]any{"type": "null"}}}
}

// object is a closed object schema (unknown properties are an error in requests and never
// sent in answers).
func object(required []string, props map[string]any) map[string]any {
	o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		r := make([]any, 0, len(required))
		for _, n := range required {
			r = append(r, n)
		}
		o["required"] = r
	}
	return o
}

// imageTexts is an image's per-language alt text and caption, by language code.
func imageTexts() map[string]any {
	return map[string]any{"type": "object", "additionalProperties": ref("ImageLanguageText"),
		"description": "Alt text and caption by language code: a story in that language shows them instead of the default (alt, caption)."}
}

// keys lists a property map's names in order, to mark them all required in answers.
func keys(props map[string]any) []string {
	return slices.Sorted(maps.Keys(props))
}

// errorCodes are the values of error.code.
func errorCodes() []string {
	return []string{"bad_request", "unauthorized", "forbidden", "not_found", "method_not_allowed", "conflict",
		"too_large", "invalid", "checks_failed", "unavailable", "internal"}
}

// errorResponseName names the shared error responses by status.
func errorResponseName(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "BadRequest"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusForbidden:
		return "Forbidden"
	case http.StatusNotFound:
		return "NotFound"
	case http.StatusConflict:
		return "Conflict"
	case http.StatusRequestEntityTooLarge:
		return "TooLarge"
	case http.StatusUnprocessableEntity:
		return "Invalid"
	case http.StatusServiceUnavailable:
		return "Unavailable"
	}
	return "Internal"
}

func errorResponses() map[string]any {
	out := map[string]any{}
	for status, d := range map[int]string{
		http.StatusBadRequest:            "Malformed JSON, an unknown field, a wrong type, or an invalid query parameter (bad_request).",
		http.StatusUnauthorized:          "No valid bearer token: missing, unknown or revoked, or its user is disabled (unauthorized). Sent with WWW-Authenticate: Bearer.",
		http.StatusForbidden:             "The user's role does not allow this (forbidden).",
		http.StatusNotFound:              "No such item, or an id that is not a positive integer (not_found).",
		http.StatusConflict:              "The story changed since it was loaded (conflict, with current), restoring over a published story needs current_version (confirmation_required, with current), or the action does not fit its state.",
		http.StatusRequestEntityTooLarge: "The body is over the limit (too_large).",
		http.StatusUnprocessableEntity:   "Field values are invalid (invalid, with fields), or the publishing checks block publication (checks_failed, with warnings).",
		http.StatusServiceUnavailable:    "The feature is not configured on this site (unavailable).",
		http.StatusInternalServerError:   "An unexpected failure; it is logged, and the message says nothing more (internal).",
	} {
		out[errorResponseName(status)] = map[string]any{"description": d,
			"content": map[string]any{"application/json": map[string]any{"schema": ref("Error")}}}
	}
	return out
}

func articleInputProps() map[string]any {
	return map[string]any{
		"language":      desc(str(), "Language code, e.g. en. Fixed once the story exists."),
		"section":       desc(str(), "Section key, e.g. politics."),
		"headline":      map[string]any{"type": "string", "maxLength": 300},
		"standfirst":    map[string]any{"type": "string", "maxLength": 1000},
		"body":          desc(str(), "Markdown, at most 512 KB."),
		"byline":        desc(str(), "Defaults to the user's name."),
		"byline_role":   str(),
		"dateline":      str(),
		"tags":          arrayOf(str()),
		"slug":          desc(str(), "Lowercase a–z, digits and hyphens; made from the headline when empty."),
		"slugline":      map[string]any{"type": "string", "maxLength": 200},
		"urgency":       map[string]any{"type": "integer", "minimum": 0, "maximum": 9, "description": "1 (flash) to 9 (routine); 0 or absent means 5."},
		"signoff":       map[string]any{"type": "string", "maxLength": 200},
		"embargo_until": map[string]any{"type": []any{"string", "null"}, "format": "date-time", "description": "RFC 3339; null or empty for none."},
		"lead_image_id": map[string]any{"type": "integer", "format": "int64", "minimum": 0, "description": "0 for none."},
	}
}

func articleProps() map[string]any {
	return map[string]any{
		"id": integer(), "group_id": desc(integer(), "Translation group: the same story in other languages shares it."),
		"language": str(), "section": desc(str(), "Section key."), "section_name": str(),
		"headline": str(), "standfirst": str(), "body": desc(str(), "Markdown."), "body_html": desc(str(), "The body rendered."),
		"byline": str(), "byline_role": str(), "dateline": str(), "tags": arrayOf(str()), "slug": str(),
		"status":   strEnum("draft", "submitted", "scheduled", "published", "unpublished"),
		"version":  desc(integer(), "Optimistic-locking version: send it back with PUT."),
		"slugline": str(), "urgency": integer(), "signoff": str(), "owner_id": integer(),
		"embargo_until": nullableTime(), "published_at": nullableTime(), "first_published_at": nullableTime(),
		"updated_at": nullableTime(), "created_at": nullableTime(),
		"url":         map[string]any{"type": []any{"string", "null"}, "format": "uri", "description": "Absolute public URL; null unless published."},
		"lead_image":  nullableRef("Image"),
		"corrections": arrayOf(object([]string{"text", "created_at"}, map[string]any{"text": str(), "created_at": nullableTime()})),
		"return_note": desc(str(), "Why an editor returned the story."),
	}
}

func components() map[string]any {
	article := articleProps()
	summary := map[string]any{}
	for _, k := range []string{"id", "group_id", "language", "section", "section_name", "headline", "standfirst", "byline",
		"slug", "status", "version", "slugline", "urgency", "owner_id", "embargo_until", "published_at", "updated_at",
		"created_at", "url"} {
		summary[k] = article[k]
	}
	summary["lead_image_id"] = nullableInt()
	update := articleInputProps()
	update["version"] = map[string]any{"type": "integer", "minimum": 1, "description": "The version the client loaded."}
	update["language"] = desc(str(), "Optional; must be the story's own language.")
	detail := maps.Clone(article)
	detail["open_by"] = desc(arrayOf(ref("OpenBy")), "The other users who have the story open in the newsroom's editor.")
	publish := maps.Clone(article)
	publish["warnings"] = arrayOf(ref("Warning"))
	revision := map[string]any{"version": integer(), "kind": desc(str(), "created, saved, updated, restored …"),
		"note": str(), "user_name": str(), "created_at": nullableTime()}
	revisionDetail := maps.Clone(revision)
	for k, v := range map[string]any{"section": str(), "headline": str(), "standfirst": str(), "body": str(), "byline": str(),
		"byline_role": str(), "dateline": str(), "tags": arrayOf(str()), "slug": str(), "slugline": str(),
		"urgency": integer(), "signoff": str(), "lead_image_id": nullableInt()} {
		revisionDetail[k] = v
	}
	image := map[string]any{"id": integer(), "format": strEnum("jpeg", "png", "webp"), "width": integer(), "height": integer(),
		"alt": str(), "caption": str(), "credit": str(), "renditions": arrayOf(ref("Rendition")),
		"srcset": desc(str(), "For <img srcset>: \"/media/FILE 320w, …\"."), "created_at": nullableTime(),
		"texts": imageTexts()}
	profile, profileInput := authorProfileProps()
	tagLink := map[string]any{"id": integer(), "language": str(), "name": str(), "slug": str(),
		"untranslated": desc(map[string]any{"type": "boolean"}, "Made when a story was translated, with the source tag's name, until an editor names it.")}
	tag := maps.Clone(tagLink)
	tag["stories"] = desc(integer(), "How many stories carry it, in any state.")
	tag["translations"] = arrayOf(object(keys(tagLink), tagLink))
	brief := map[string]any{"id": integer(), "language": str(), "section": str(), "section_name": str(),
		"text": str(), "status": strEnum("published", "submitted"), "published_at": nullableTime(),
		"article_id": desc(nullableInt(), "The story it developed into, if any."), "owner_id": integer()}
	briefInput := map[string]any{"language": str(), "section": desc(str(), "Section key."),
		"text":         map[string]any{"type": "string", "maxLength": 1500, "description": "One paragraph."},
		"published_at": map[string]any{"type": []any{"string", "null"}, "format": "date-time", "description": "RFC 3339; default now."}}
	briefUpdate := maps.Clone(briefInput)
	briefUpdate["language"] = desc(str(), "Optional; must be the brief's own language.")
	briefUpdate["published_at"] = map[string]any{"type": []any{"string", "null"}, "format": "date-time", "description": "RFC 3339; absent keeps the brief's time."}
	user := map[string]any{"id": integer(), "email": str(), "name": str(), "role": strEnum("correspondent", "editor", "admin"),
		"can": desc(arrayOf(str()), "The actions the role allows.")}
	rv := map[string]any{"id": integer(), "article_id": integer(), "article_headline": str(),
		"article_url": map[string]any{"type": "string", "format": "uri", "description": "Absolute public URL of the story."},
		"name":        str(), "email": desc(str(), "The reader's address, for moderators only; empty when none was given."),
		"rating": map[string]any{"type": "integer", "minimum": 0, "maximum": 5,
			"description": "1 to 5; 0 for a comment imported without a rating."}, "text": desc(str(), "Plain text as the reader wrote it (cleaned)."),
		"status": strEnum("pending", "approved", "rejected", "spam"), "spam_score": integer(),
		"signals": desc(arrayOf(str()), "Why the spam defence scored it so, e.g. \"sent too fast\"."), "created_at": nullableTime()}
	publicReview := map[string]any{"id": integer(), "name": str(), "rating": rv["rating"], "text": rv["text"], "created_at": nullableTime()}
	publicReviews := map[string]any{"count": desc(integer(), "How many approved reviews the story has."),
		"rated":   desc(integer(), "How many of them carry a rating (imported comments do not)."),
		"average": map[string]any{"type": "number", "description": "The average rating of those that carry one, to two decimals; 0 when none."},
		"reviews": arrayOf(ref("PublicReview")), "limit": integer(), "offset": integer()}
	list := func(name, item string) map[string]any {
		p := map[string]any{name: arrayOf(ref(item)), "limit": integer(), "offset": integer()}
		return object(keys(p), p)
	}
	return map[string]any{
		"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer",
			"description": "A personal API token: newsdesk token create --email E. Revoked tokens and disabled users are refused at once."}},
		"responses": errorResponses(),
		"schemas": withPageSchemas(map[string]any{
			"Error": object([]string{"error"}, map[string]any{"error": object([]string{"code", "message"}, map[string]any{
				"code":     strEnum(errorCodes()...),
				"message":  desc(str(), "A sentence for people."),
				"fields":   map[string]any{"type": "object", "additionalProperties": str(), "description": "Field name → what is wrong (invalid)."},
				"warnings": desc(arrayOf(ref("Warning")), "The failed publishing checks (checks_failed)."),
				"current":  desc(ref("Article"), "The story as it is now (conflict on save)."),
			})}),
			"Warning": object([]string{"code", "message", "severity"}, map[string]any{"code": str(), "message": str(),
				"severity": desc(strEnum("warning", "advice"), "warning: the newsroom asks to confirm before publishing; advice: shown, never asks.")}),
			"Article":          object(keys(article), article),
			"ArticleSummary":   object(keys(summary), summary),
			"ArticleList":      list("articles", "ArticleSummary"),
			"PublishResult":    object(keys(publish), publish),
			"ArticleInput":     object([]string{"language", "section", "headline"}, articleInputProps()),
			"ArticleUpdate":    object([]string{"version", "section", "headline"}, update),
			"ReturnRequest":    object([]string{"note"}, map[string]any{"note": map[string]any{"type": "string", "maxLength": 2000}}),
			"ScheduleRequest":  object([]string{"publish_at"}, map[string]any{"publish_at": desc(dateTime(), "RFC 3339, in the future.")}),
			"CorrectRequest":   object([]string{"text"}, map[string]any{"text": map[string]any{"type": "string", "maxLength": 2000}}),
			"UnpublishRequest": object(nil, map[string]any{"reason": desc(str(), "For the audit log.")}),
			"TranslateRequest": object([]string{"language"}, map[string]any{"language": desc(str(), "Language code of the translation.")}),
			"RestoreRequest":   object([]string{"version"}, restoreRequestProps()),
			"Revision":         object(keys(revision), revision),
			"RevisionList":     object([]string{"revisions"}, map[string]any{"revisions": arrayOf(ref("Revision"))}),
			"RevisionDetail":   object(keys(revisionDetail), revisionDetail),
			"Brief":            object(keys(brief), brief),
			"BriefList":        list("briefs", "Brief"),
			"BriefInput":       object([]string{"language", "section", "text"}, briefInput),
			"BriefUpdate":      object([]string{"section", "text"}, briefUpdate),
			"Image":            object(keys(image), image),
			"Rendition": object([]string{"url", "width", "height"}, map[string]any{
				"url": desc(str(), "/media/ + the rendition's file."), "width": integer(), "height": integer()}),
			"ImageUpload": object([]string{"file", "alt"}, map[string]any{
				"file":    map[string]any{"type": "string", "contentMediaType": "application/octet-stream", "description": "JPEG, PNG or WebP."},
				"alt":     map[string]any{"type": "string", "maxLength": 1000, "description": "Required: describes the image for readers who cannot see it."},
				"caption": map[string]any{"type": "string", "maxLength": 1000},
				"credit":  map[string]any{"type": "string", "maxLength": 1000},
			}),
			"ImageText": object([]string{"alt"}, map[string]any{"alt": map[string]any{"type": "string", "maxLength": 1000},
				"caption": map[string]any{"type": "string", "maxLength": 1000}, "credit": map[string]any{"type": "string", "maxLength": 1000},
				"texts": desc(imageTexts(), "Optional: replaces every per-language text (absent: unchanged; {}: none).")}),
			"AuthorProfile":      object(keys(profile), profile),
			"AuthorProfileInput": object([]string{"name"}, profileInput),
			"Tag":                object(keys(tag), tag),
			"TagList":            list("tags", "Tag"),
			"TagName":            object([]string{"name"}, map[string]any{"name": map[string]any{"type": "string", "maxLength": 100}}),
			"TagLink": object([]string{"language", "name"}, map[string]any{"language": desc(str(), "Language code of the translation."),
				"name": map[string]any{"type": "string", "maxLength": 100, "description": "Its name in that language: an existing tag's, or a new one's."}}),
			"ImageLanguageText": object([]string{"alt", "caption"}, map[string]any{
				"alt":     map[string]any{"type": "string", "maxLength": 1000, "description": "Empty: the default alt text."},
				"caption": map[string]any{"type": "string", "maxLength": 1000, "description": "Empty: the default caption."}}),
			"Review":           object(keys(rv), rv),
			"ReviewList":       list("reviews", "Review"),
			"PublicReview":     object(keys(publicReview), publicReview),
			"PublicReviewList": object(keys(publicReviews), publicReviews),
			"ReviewChange":     object([]string{"changed"}, map[string]any{"changed": desc(integer(), "How many reviews changed.")}),
			"ReviewBulkRequest": object([]string{"ids", "action"}, map[string]any{
				"ids":    map[string]any{"type": "array", "items": map[string]any{"type": "integer", "format": "int64", "minimum": 1}, "minItems": 1, "maxItems": 500},
				"action": strEnum("approve", "reject", "spam", "delete")}),
			"ReviewRename":    object([]string{"name"}, map[string]any{"name": map[string]any{"type": "string", "minLength": 1, "maxLength": 80}}),
			"ReviewsState":    object([]string{"article_id", "reviews_closed"}, map[string]any{"article_id": integer(), "reviews_closed": map[string]any{"type": "boolean"}}),
			"User":            object(keys(user), user),
			"Front":           frontSchema(),
			"FrontStory":      frontStorySchema(),
			"FrontRequest":    object([]string{"articles"}, frontProps()),
			"Autosave":        autosaveSchema(),
			"AutosaveRequest": autosaveRequestSchema(),
			"AutosaveDiscard": object([]string{"article_id", "discarded"}, map[string]any{"article_id": integer(), "discarded": map[string]any{"type": "boolean"}}),
			"OpenAPI":         map[string]any{"type": "object", "description": "An OpenAPI 3.1 document."},

			"ArticleDetail": object(keys(detail), detail),
			"OpenBy": object([]string{"user", "since"}, map[string]any{
				"user":  object([]string{"id", "name"}, map[string]any{"id": integer(), "name": str()}),
				"since": desc(dateTime(), "When they opened it (RFC 3339).")}),
			"CheckResult": object([]string{"warnings"}, map[string]any{"warnings": desc(arrayOf(ref("Warning")),
				"The checks that failed; empty when the story passes.")}),
		}),
	}
}

// restoreRequestProps are the fields of a restore request.
func restoreRequestProps() map[string]any {
	return map[string]any{"version": map[string]any{"type": "integer", "minimum": 1},
		"current_version": desc(map[string]any{"type": "integer", "minimum": 1},
			"Required to restore over a published story: its current version, which the client compared the revision with.")}
}

// frontProps are the fields of a front page that a PUT sends and a GET returns.
func frontProps() map[string]any {
	return map[string]any{
		"articles": desc(map[string]any{"type": "array", "items": map[string]any{"type": "integer", "format": "int64"}, "maxItems": 12},
			"Story ids, top story first: published stories of the language, each once; [] for the newest leads."),
		"pinned_until": map[string]any{"type": "object", "additionalProperties": dateTime(),
			"description": "Story id (as a string) → RFC 3339 time at which it leaves the front page on its own; stories not named stay until taken off."},
	}
}

func frontSchema() map[string]any {
	p := frontProps()
	p["language"] = str()
	p["stories"] = desc(arrayOf(ref("FrontStory")), "The stories of articles, in the same order.")
	p["max_articles"] = desc(integer(), "How many stories a front page may hold.")
	return object(keys(p), p)
}

func frontStorySchema() map[string]any {
	p := map[string]any{"id": integer(), "headline": str(), "status": strEnum("published", "scheduled"),
		"published_at": nullableTime(), "pinned_until": nullableTime(),
		"public": desc(map[string]any{"type": "boolean"}, "Readers see it now (false while it is scheduled or under embargo).")}
	return object(keys(p), p)
}

// autosaveFieldsDesc says what a working copy's fields are.
const autosaveFieldsDesc = "The editor's fields as typed: section, headline, standfirst, body, byline, byline_role, dateline, tags, slug, lead_image, embargo, slugline, urgency, signoff (text)."

func autosaveSchema() map[string]any {
	props := map[string]any{"article_id": integer(), "base_version": desc(integer(), "The story's version the copy was begun from."),
		"current_version": desc(integer(), "The story's version now."),
		"newer_version":   desc(map[string]any{"type": "boolean"}, "Someone saved the story after the copy was begun."),
		"saved_at":        dateTime(),
		"fields":          desc(map[string]any{"type": "object", "additionalProperties": str()}, autosaveFieldsDesc)}
	return object(keys(props), props)
}

func autosaveRequestSchema() map[string]any {
	text := str()
	textOrNumber := map[string]any{"type": []any{"string", "integer"}}
	props := map[string]any{"version": desc(integer(), "The story's version the copy was begun from."),
		"tags": map[string]any{"oneOf": []any{str(), arrayOf(str())}}, "urgency": textOrNumber, "lead_image": textOrNumber}
	for _, name := range []string{"section", "headline", "standfirst", "body", "byline", "byline_role", "dateline", "slug", "embargo", "slugline", "signoff"} {
		props[name] = text
	}
	return object([]string{"version"}, props)
}

// authorProfileProps are the properties of an author profile as the API shows it and
// as PUT takes it.
func authorProfileProps() (shown, input map[string]any) {
	line := func(max int, d string) map[string]any {
		return map[string]any{"type": "string", "maxLength": max, "description": d}
	}
	text := object([]string{"name", "role", "bio"}, map[string]any{"name": line(content.MaxAuthorName, "Empty: falls back."),
		"role": line(content.MaxAuthorRole, "Empty: falls back."), "bio": line(content.MaxAuthorBio, "Plain text; blank lines part paragraphs.")})
	texts := desc(map[string]any{"type": "object", "additionalProperties": text}, "By language code.")
	link := object([]string{"url"}, map[string]any{"label": line(content.MaxLinkLabel, "Empty: the address names the link."),
		"url": line(content.MaxLinkURL, "https://… or mailto:…; an e-mail address or a bare host is accepted on input.")})
	links := map[string]any{"type": "array", "items": link, "maxItems": content.MaxAuthorLinks}
	shown = map[string]any{"author_id": integer(), "user_id": integer(), "name": str(), "role": str(), "slug": str(),
		"urls":  desc(map[string]any{"type": "object", "additionalProperties": str()}, "The author page's absolute URL by language code."),
		"photo": nullableRef("Image"), "texts": texts, "links": links}
	input = map[string]any{"name": line(content.MaxAuthorName, "The default name."), "role": line(content.MaxAuthorRole, "The default role."),
		"slug":     desc(str(), "Admins only: the page's new address; absent or unchanged keeps it."),
		"photo_id": desc(nullableInt(), "An image of the media library; null or absent: no photo."), "texts": texts, "links": links}
	return shown, input
}
