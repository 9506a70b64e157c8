package api

import "maps"

// The OpenAPI document of the page routes (About, Contacts…): operations and schemas.

func pageOperations(nr string) map[string]operation {
	admins := "Admins only (others get 403). "
	return map[string]operation{
		"GET " + nr + "/pages": {summary: "List pages", tag: "pages", status: 200, result: "PageList",
			query:       []queryParam{{"language", "Only pages of this language (its code, e.g. az).", str()}},
			description: admins + "The site's pages (About, Contacts, Editorial standards…) in every state, by language, footer position and title, each with its translations."},
		"POST " + nr + "/pages": {summary: "Write a page", tag: "pages", body: "PageInput", status: 201, result: "Page", extra: []int{409, 422},
			description: admins + "Creates a draft page; publish it to make it public. Without a slug one is made from the title; " +
				"a slug another page of the language has is 409. `translation_of` links it to another language's page (and that page's translations); " +
				"a group with a page of this language already is 409. Audited."},
		"GET " + nr + "/pages/{id}": {summary: "Get a page", tag: "pages", status: 200, result: "Page", description: admins},
		"PUT " + nr + "/pages/{id}": {summary: "Change a page", tag: "pages", body: "PageUpdate", status: 200, result: "Page", extra: []int{409, 422},
			description: admins + "Changes the fields sent; the others keep their values. The language is fixed. " +
				"`translation_of` links the page to another page's translations, or with 0 unlinks it. A published page's public copies are purged at once. Audited."},
		"DELETE " + nr + "/pages/{id}": {summary: "Delete a page", tag: "pages", bodyOpt: true, status: 200, result: "PageDeleted",
			description: admins + "Deletes the page for good; its translations stay. Its URL answers 404. Audited."},
		"POST " + nr + "/pages/{id}/publish": {summary: "Publish a page", tag: "pages", bodyOpt: true, status: 200, result: "Page",
			description: admins + "Makes the page public at `url` (/{language}/page/{slug}) and, unless `in_footer` is false, lists it in the footer of its language's pages. Publishing a published page changes nothing. Audited."},
		"POST " + nr + "/pages/{id}/unpublish": {summary: "Unpublish a page", tag: "pages", bodyOpt: true, status: 200, result: "Page",
			description: admins + "Takes the page off the public site (its URL answers 404) and keeps it as a draft. Audited."},
	}
}

func pageSchemas() map[string]any {
	link := map[string]any{"id": integer(), "language": str(), "slug": str(), "title": str(), "status": strEnum("draft", "published")}
	page := map[string]any{"id": integer(), "language": str(), "slug": str(), "title": str(),
		"body": desc(str(), "Markdown."), "body_html": desc(str(), "The body rendered."),
		"status":       strEnum("draft", "published"),
		"in_footer":    desc(map[string]any{"type": "boolean"}, "Listed in the footer of its language's pages while published."),
		"position":     desc(integer(), "Footer order: lower first, then by title."),
		"group_id":     desc(integer(), "Translation group: the same page in other languages shares it; 0 for none."),
		"translations": arrayOf(ref("PageLink")),
		"url":          map[string]any{"type": []any{"string", "null"}, "format": "uri", "description": "Absolute public URL; null unless published."},
		"created_at":   nullableTime(), "updated_at": nullableTime(),
		"published_at": desc(nullableTime(), "When first published; null before."),
	}
	input := map[string]any{
		"language":       desc(str(), "Language code, e.g. en. Fixed once the page exists."),
		"slug":           desc(map[string]any{"type": "string", "maxLength": 100}, "Lowercase a–z, digits and hyphens; made from the title when empty."),
		"title":          map[string]any{"type": "string", "maxLength": 200},
		"body":           desc(str(), "Markdown, at most 512 KB."),
		"in_footer":      desc(map[string]any{"type": "boolean"}, "Default true."),
		"position":       map[string]any{"type": "integer", "minimum": 0, "maximum": 999, "description": "Footer order; default 0."},
		"translation_of": desc(map[string]any{"type": "integer", "format": "int64", "minimum": 0}, "A page of another language this one translates; 0 for none."),
	}
	return map[string]any{
		"Page":        object(keys(page), page),
		"PageLink":    object(keys(link), link),
		"PageList":    object([]string{"pages"}, map[string]any{"pages": arrayOf(ref("Page"))}),
		"PageInput":   object([]string{"language", "title"}, input),
		"PageUpdate":  object(nil, input),
		"PageDeleted": object([]string{"id", "deleted"}, map[string]any{"id": integer(), "deleted": map[string]any{"type": "boolean"}}),
	}
}

// withPageSchemas adds the page schemas to schemas.
func withPageSchemas(schemas map[string]any) map[string]any {
	maps.Copy(schemas, pageSchemas())
	return schemas
}
