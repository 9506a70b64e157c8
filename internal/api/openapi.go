package api

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
)

// operation documents one route. It is written here by hand, apart from the route table,
// so that the OpenAPI test (document = Routes()) can catch a route added without docs or
// docs left for a route that was removed.
type operation struct {
	summary     string
	description string
	tag         string
	public      bool
	query       []queryParam
	body        string // schema of the JSON request body; "" for none
	bodyOpt     bool   // the body may be omitted
	multipart   string // schema of a multipart/form-data body
	status      int    // success status
	result      string // schema of the success body
	extra       []int  // error statuses beyond the ones every such route has
}

type queryParam struct {
	name, description string
	schema            map[string]any
}

// operations documents every route, by "METHOD path".
func operations() map[string]operation {
	const nr = "/api/v1/newsroom"
	page := []queryParam{
		{"limit", "How many to return (1–200, default 50).", map[string]any{"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
		{"offset", "How many to skip.", map[string]any{"type": "integer", "minimum": 0, "maximum": 1000000, "default": 0}},
	}
	articleFilters := append([]queryParam{
		{"status", "Only stories in this state.", strEnum("draft", "submitted", "scheduled", "published", "unpublished")},
		{"section", "Only stories in this section (its key, e.g. politics).", str()},
		{"language", "Only stories in this language (its code, e.g. en).", str()},
		{"q", "Only stories whose headline has these words, as the search finds them: folded for case and accents and stemmed, the last word also the beginning of a longer one, \"a phrase\", -word to exclude (at most 200 characters; text without a word is refused).", map[string]any{"type": "string", "maxLength": 200}},
	}, page...)
	reviewFilters := append([]queryParam{
		{"status", "Only reviews in this state; every state when absent.", strEnum("pending", "approved", "rejected", "spam")},
		{"article_id", "Only reviews of this story.", map[string]any{"type": "integer", "format": "int64", "minimum": 1}},
	}, page...)
	tagFilters := []queryParam{
		{"language", "Only tags of this language (its code, e.g. ru).", str()},
		{"q", "Only tags whose name contains this text (at most 100 characters).", map[string]any{"type": "string", "maxLength": 100}},
	}
	ops := map[string]operation{
		"GET /api/openapi.json": {summary: "This OpenAPI document", tag: "meta", public: true, status: 200, result: "OpenAPI"},
		"GET " + nr + "/me": {summary: "The token's user", tag: "account", status: 200, result: "User",
			description: "Who the token belongs to, with the actions their role allows."},

		"GET " + nr + "/articles": {summary: "List stories", tag: "articles", query: articleFilters, status: 200, result: "ArticleList",
			description: "Stories in any state, most recently changed first. Correspondents see only their own. Unknown parameters and invalid values are 400."},
		"POST " + nr + "/articles": {summary: "File a story", tag: "articles", body: "ArticleInput", status: 201, result: "Article", extra: []int{422},
			description: "Creates a draft owned by the token's user. Without a slug one is made from the headline; a taken slug gets a number."},
		"GET " + nr + "/articles/{id}": {summary: "Get a story", tag: "articles", status: 200, result: "ArticleDetail",
			description: "Editors see every story; correspondents their own (others' are 403). `open_by` lists the other users " +
				"who have the story open in the newsroom's editor, longest first (empty when nobody): opening the page counts at once, " +
				"its heartbeat keeps it, and it is forgotten a minute after the last heartbeat or when the page is left."},
		"GET " + nr + "/articles/{id}/checks": {summary: "Run the publishing checks", tag: "articles", status: 200, result: "CheckResult",
			description: "The publishing checks on the story as saved, without publishing: headline and standfirst length, " +
				"alt text, heading order, vague link text, tags, body length … Each warning has a stable `code` and an English `message`; " +
				"an empty list means the story passes."},
		"PUT " + nr + "/articles/{id}": {summary: "Save a story", tag: "articles", body: "ArticleUpdate", status: 200, result: "Article", extra: []int{409, 422},
			description: "Replaces the editable fields. `version` must be the version the client loaded: if someone saved since, the answer is 409 with `current`, and nothing is overwritten."},
		"POST " + nr + "/articles/{id}/submit": {summary: "Submit a draft to the editors", tag: "workflow", bodyOpt: true, status: 200, result: "Article", extra: []int{409}},
		"POST " + nr + "/articles/{id}/return": {summary: "Return a submitted story with a note", tag: "workflow", body: "ReturnRequest", status: 200, result: "Article", extra: []int{409, 422}},
		"POST " + nr + "/articles/{id}/publish": {summary: "Publish now", tag: "workflow", bodyOpt: true, status: 200, result: "PublishResult", extra: []int{409, 422},
			description: "Publishes the story (an embargoed story stays hidden from readers until its embargo) and returns it with the publishing checks' warnings. Where the site blocks publication on failed checks, the answer is 422 `checks_failed` with the warnings."},
		"POST " + nr + "/articles/{id}/schedule": {summary: "Schedule publication", tag: "workflow", body: "ScheduleRequest", status: 200, result: "Article", extra: []int{409, 422}},
		"POST " + nr + "/articles/{id}/correct":  {summary: "Publish a correction note", tag: "workflow", body: "CorrectRequest", status: 200, result: "Article", extra: []int{409, 422}},
		"POST " + nr + "/articles/{id}/unpublish": {summary: "Withdraw a story", tag: "workflow", body: "UnpublishRequest", bodyOpt: true, status: 200, result: "Article", extra: []int{409, 422},
			description: "The public URL then answers 410; the story stays in the newsroom."},
		"POST " + nr + "/articles/{id}/translate": {summary: "Start a translation", tag: "workflow", body: "TranslateRequest", status: 201, result: "Article", extra: []int{409, 422},
			description: "Creates a draft in another language in the story's translation group (same group_id)."},
		"POST " + nr + "/articles/{id}/restore": {summary: "Restore a revision", tag: "revisions", body: "RestoreRequest", status: 200, result: "Article", extra: []int{409, 422},
			description: "Makes an old revision the current content, as a new revision (audited). 404 when the story or the revision does not exist. " +
				"A published story is rewritten only when `current_version` is its current version, the one the client compared the revision with: " +
				"without it the answer is 409 `confirmation_required` with `current`; with an older one, 409 `conflict`."},
		"GET " + nr + "/articles/{id}/revisions":           {summary: "List a story's revisions", tag: "revisions", status: 200, result: "RevisionList"},
		"GET " + nr + "/articles/{id}/revisions/{version}": {summary: "Get one revision", tag: "revisions", status: 200, result: "RevisionDetail"},

		"GET " + nr + "/briefs": {summary: "List briefs", tag: "briefs", query: page, status: 200, result: "BriefList",
			description: "Briefs in any state, newest first. Correspondents see only their own."},
		"POST " + nr + "/briefs": {summary: "File a brief", tag: "briefs", body: "BriefInput", status: 201, result: "Brief", extra: []int{422},
			description: "An editor's brief is published at once; a correspondent's is `submitted` until an editor publishes it."},
		"GET " + nr + "/briefs/{id}": {summary: "Get a brief", tag: "briefs", status: 200, result: "Brief"},
		"PUT " + nr + "/briefs/{id}": {summary: "Change a brief", tag: "briefs", body: "BriefUpdate", status: 200, result: "Brief", extra: []int{422},
			description: "Editors may change any brief, correspondents their own unpublished ones. Without `published_at` the brief keeps its time."},
		"POST " + nr + "/briefs/{id}/publish": {summary: "Publish a waiting brief", tag: "briefs", bodyOpt: true, status: 200, result: "Brief"},
		"POST " + nr + "/briefs/{id}/develop": {summary: "Develop a brief into a story", tag: "briefs", bodyOpt: true, status: 201, result: "Article", extra: []int{409, 422},
			description: "Creates a story draft from the brief and links the brief to it."},

		"POST " + nr + "/images": {summary: "Upload an image", tag: "images", multipart: "ImageUpload", status: 201, result: "Image", extra: []int{422, 503},
			description: "JPEG, PNG or WebP, at most 25 MiB (the site may set a lower limit: 413). The image is re-encoded without metadata and resized; each rendition's url is /media/ + its file. " +
				"Bytes already in the library answer 200 with that image unchanged: an upload never changes an existing image's text (PUT /images/{id} does)."},
		"GET " + nr + "/users/{id}/profile": {summary: "Get a staff member's author profile", tag: "authors", status: 200, result: "AuthorProfile",
			description: "One's own, or anyone's for admins (otherwise 403). Every member of staff has one: it is made, named after the user, the first time it is asked for or a story of theirs is filed. urls are the author page in each language."},
		"PUT " + nr + "/users/{id}/profile": {summary: "Change a staff member's author profile", tag: "authors", body: "AuthorProfileInput", status: 200, result: "AuthorProfile", extra: []int{422},
			description: "Replaces the whole profile: name and role (the defaults), per-language name, role and bio (an empty field falls back to the site's other languages, then the default), a photo from the media library (photo_id; null: none) and up to 8 links (http(s) addresses or e-mail addresses, which become mailto:). One's own, or anyone's for admins; only admins may change slug, the page's address (another author's is 422). Audited; purges the author's pages, and the pages of their stories when slug changes."},
		"GET " + nr + "/images/{id}": {summary: "Get an image", tag: "images", status: 200, result: "Image"},
		"PUT " + nr + "/images/{id}": {summary: "Change an image's text", tag: "images", body: "ImageText", status: 200, result: "Image", extra: []int{422},
			description: "Replaces alt, caption and credit, and with texts the alt text and caption per language (a story in that language shows them; an empty field falls back to the default). Editors may change any image; a correspondent only one they uploaded that is the lead picture of none but their own drafts (otherwise 403). Audited; the pages of the stories that show it are purged, and published ones go to the wire as updated."},

		"GET " + nr + "/tags": {summary: "List tags", tag: "tags", query: tagFilters, status: 200, result: "TagList",
			description: "Tags by name (at most 200), each with its translations: the same tag in the other languages."},
		"PUT " + nr + "/tags/{id}": {summary: "Rename a tag", tag: "tags", body: "TagName", status: 200, result: "Tag", extra: []int{409, 422},
			description: "Editors only. The slug (the tag page's address) follows the name; another tag of the language with that slug is 409. Clears untranslated; purges the pages that print the tag."},
		"POST " + nr + "/tags/{id}/translations": {summary: "Link a tag to its translation", tag: "tags", body: "TagLink", status: 200, result: "Tag", extra: []int{409, 422},
			description: "Editors only. The tag of that language with that name (made if none has its slug) becomes a translation of this one; both groups merge. Two tags of one language in a group are 409. A story translated afterwards carries the translation."},
		"DELETE " + nr + "/tags/{id}/translations": {summary: "Unlink a tag from its translations", tag: "tags", status: 200, result: "Tag",
			description: "Editors only. The tag keeps its stories; it is no longer a translation of the others."},
		"GET " + nr + "/reviews": {summary: "List reader reviews", tag: "reviews", query: reviewFilters, status: 200, result: "ReviewList", extra: []int{503},
			description: "For moderators (editors and admins; correspondents get 403): reviews newest first, in every state unless `status` says one, with the reader's email address, the spam score and its signals. Emails are shown here only, never publicly."},
		"POST " + nr + "/reviews/bulk": {summary: "Moderate many reviews", tag: "reviews", body: "ReviewBulkRequest", status: 200, result: "ReviewChange", extra: []int{422, 503},
			description: "Approves, rejects, marks as spam or deletes up to 500 reviews at once and says how many changed; ids that do not exist are skipped."},
		"PUT " + nr + "/reviews/{id}": {summary: "Rename a reviewer", tag: "reviews", body: "ReviewRename", status: 200, result: "Review", extra: []int{422, 503},
			description: "Changes the name a review is shown under (e.g. to remove a name that is abuse or personal data)."},
		"DELETE " + nr + "/reviews/{id}": {summary: "Delete a review", tag: "reviews", bodyOpt: true, status: 200, result: "ReviewChange", extra: []int{503},
			description: "Deletes the review for good; changed is 1."},
		"POST " + nr + "/reviews/{id}/approve": {summary: "Approve a review", tag: "reviews", bodyOpt: true, status: 200, result: "Review", extra: []int{503},
			description: "The review is shown on the story at once."},
		"POST " + nr + "/reviews/{id}/reject": {summary: "Reject a review", tag: "reviews", bodyOpt: true, status: 200, result: "Review", extra: []int{503}},
		"POST " + nr + "/reviews/{id}/spam":   {summary: "Mark a review as spam", tag: "reviews", bodyOpt: true, status: 200, result: "Review", extra: []int{503}},
		"POST " + nr + "/reviews/{id}/trust": {summary: "Trust the reviewer and approve", tag: "reviews", bodyOpt: true, status: 200, result: "Review", extra: []int{422, 503},
			description: "Trusts the review's email address, so that later reviews from it are approved on arrival, and approves this review. 422 when the review has no email address."},
		"POST " + nr + "/articles/{id}/reviews/close": {summary: "Close reader reviews on a story", tag: "reviews", bodyOpt: true, status: 200, result: "ReviewsState", extra: []int{503},
			description: "The story keeps its approved reviews but takes no new ones (the form answers 403)."},
		"POST " + nr + "/articles/{id}/reviews/open": {summary: "Open reader reviews on a story", tag: "reviews", bodyOpt: true, status: 200, result: "ReviewsState", extra: []int{503},
			description: "Undoes close. Reviews may still be closed by age (the site's \"close after days\" setting)."},
		"GET " + nr + "/articles/{id}/autosave": {summary: "Your working copy of a story", tag: "articles", status: 200, result: "Autosave",
			description: "What you typed into the story and have not saved (kept by PUT here or by the newsroom's editor page as you type). " +
				"`newer_version` says someone saved the story after the copy was begun. 404 when you have no copy of it; a story you may not see is 403."},
		"PUT " + nr + "/articles/{id}/autosave": {summary: "Keep your working copy of a story", tag: "articles", body: "AutosaveRequest", status: 200, result: "Autosave", extra: []int{422, 503},
			description: "Keeps the fields as you typed them, with the version of the story you began from; replaces your earlier copy. " +
				"It never changes the story or its revisions, and each user has a copy of their own; the editor page offers it back. " +
				"Only who may edit the story may keep a copy (others get 403). Fields are text as the editor's form has them; `tags` may also be a list, `urgency` and `lead_image` numbers."},
		"DELETE " + nr + "/articles/{id}/autosave": {summary: "Discard your working copy of a story", tag: "articles", status: 200, result: "AutosaveDiscard", extra: []int{503},
			description: "Forgets your working copy (there may be none); the story does not change."},
		"GET " + nr + "/front/{lang}": {summary: "The front page of a language", tag: "front", status: 200, result: "Front",
			description: "The stories the editors put at the top of the language's home page, in order, with their pins. A story that is no longer published, or whose pin has run out, is no longer on it. `articles` and `pinned_until` have the shape of the PUT body. An unknown language is 404."},
		"PUT " + nr + "/front/{lang}": {summary: "Choose the front page of a language", tag: "front", body: "FrontRequest", status: 200, result: "Front", extra: []int{422},
			description: "For editors and admins (correspondents get 403). Replaces the language's top stories with `articles`, in that order; the public home page shows them at once (its cached copies are purged on every instance). " +
				"Each id must be a published (or scheduled: shown once public) story of that language, once, at most `max_articles` (12) of them; " +
				"`pinned_until` maps some of the ids to the time (RFC 3339, in the future) at which they leave the front on their own. " +
				"`[]` gives the home page back to the newest leads. Anything else is 422 with a message that says what is wrong; an unknown language is 404. The change is written to the audit log."},
		"GET /api/v1/articles/{id}/reviews": {summary: "A public story's reviews", tag: "reviews", public: true, query: page, status: 200, result: "PublicReviewList", extra: []int{503},
			description: "Anyone may read the approved reviews of a published story, newest first, with their count and average rating. Reviewers' email addresses are never part of it. A story readers cannot see is 404."},
	}
	maps.Copy(ops, pageOperations(nr))
	return ops
}

// pathParams lists the {name} segments of a path.
func pathParams(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			out = append(out, strings.Trim(seg, "{}"))
		}
	}
	return out
}

// openAPIJSON renders the OpenAPI 3.1 document.
func openAPIJSON(base string) []byte {
	paths := map[string]map[string]any{}
	ops := operations()
	for _, k := range slices.Sorted(maps.Keys(ops)) {
		method, path, _ := strings.Cut(k, " ")
		if paths[path] == nil {
			paths[path] = map[string]any{}
		}
		paths[path][strings.ToLower(method)] = ops[k].document(method, path)
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":   "Newsdesk newsroom API",
			"version": "1",
			"description": "The newsroom of a Newsdesk site as JSON: stories through their workflow, briefs, revisions, images and the moderation of reader reviews; " +
				"also, without a token, the approved reviews of a published story. " +
				"Authenticate with a personal API token (`newsdesk token create --email E`) sent as `Authorization: Bearer TOKEN`. " +
				"Every error is `{\"error\": {\"code\", \"message\", …}}`. Request bodies are JSON objects of at most 1 MiB " +
				"(images: multipart/form-data, 25 MiB); unknown fields are rejected.",
		},
		"paths":      paths,
		"components": components(),
		"security":   []any{map[string]any{"bearer": []any{}}},
	}
	if base != "" {
		doc["servers"] = []any{map[string]any{"url": base}}
	}
	// Cannot fail: the document holds only strings, numbers, booleans, maps and slices.
	b, _ := json.MarshalIndent(doc, "", "  ")
	return b
}

// document renders one operation object.
func (o operation) document(method, path string) map[string]any {
	d := map[string]any{"summary": o.summary, "tags": []any{o.tag},
		"operationId": operationID(method, path)}
	if o.description != "" {
		d["description"] = o.description
	}
	var params []any
	for _, name := range pathParams(path) {
		p := map[string]any{"name": name, "in": "path", "required": true,
			"description": "A positive integer; anything else is 404.",
			"schema":      map[string]any{"type": "integer", "format": "int64", "minimum": 1}}
		if name == "lang" {
			p["description"], p["schema"] = "A language code of the site, e.g. en; another is 404.", str()
		}
		params = append(params, p)
	}
	for _, q := range o.query {
		params = append(params, map[string]any{"name": q.name, "in": "query", "required": false, "description": q.description, "schema": q.schema})
	}
	if len(params) > 0 {
		d["parameters"] = params
	}
	switch {
	case o.multipart != "":
		d["requestBody"] = map[string]any{"required": true,
			"content": map[string]any{"multipart/form-data": map[string]any{"schema": ref(o.multipart)}}}
	case o.body != "":
		d["requestBody"] = map[string]any{"required": !o.bodyOpt,
			"content": map[string]any{"application/json": map[string]any{"schema": ref(o.body)}}}
	}
	success := map[string]any{"description": http.StatusText(o.status),
		"content": map[string]any{"application/json": map[string]any{"schema": ref(o.result)}}}
	if o.status == http.StatusCreated {
		success["headers"] = map[string]any{"Location": map[string]any{"description": "The API path of the new item.",
			"schema": map[string]any{"type": "string"}}}
	}
	responses := map[string]any{strconv.Itoa(o.status): success}
	errs := append([]int{http.StatusInternalServerError}, o.extra...)
	if !o.public {
		errs = append(errs, http.StatusUnauthorized, http.StatusForbidden)
		d["security"] = []any{map[string]any{"bearer": []any{}}}
	} else {
		d["security"] = []any{}
	}
	if strings.Contains(path, "{") {
		errs = append(errs, http.StatusNotFound)
	}
	if o.body != "" || o.bodyOpt || o.multipart != "" || len(o.query) > 0 {
		errs = append(errs, http.StatusBadRequest)
	}
	if o.body != "" || o.bodyOpt || o.multipart != "" {
		errs = append(errs, http.StatusRequestEntityTooLarge)
	}
	for _, s := range errs {
		responses[strconv.Itoa(s)] = map[string]any{"$ref": "#/components/responses/" + errorResponseName(s)}
	}
	d["responses"] = responses
	return d
}

// operationID makes a stable id from the method and path: "post_articles_id_publish".
func operationID(method, path string) string {
	p := strings.TrimPrefix(strings.TrimPrefix(path, "/api/v1/newsroom"), "/api")
	p = strings.NewReplacer("{", "", "}", "", ".", "_", "/", "_").Replace(p)
	return strings.ToLower(method) + p
}

// showOpenAPI serves the OpenAPI document (public: it describes, it does not reveal).
func (a *API) showOpenAPI(w http.ResponseWriter, r *http.Request, _ account.User) error {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Content-Length", strconv.Itoa(len(a.openapi)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(a.openapi)
	}
	return nil
}
