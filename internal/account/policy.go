package account

import "errors"

// Action is something a newsroom user may or may not do.
type Action string

// The actions the permission policy knows. Every newsroom page and API call checks one.
const (
	ActViewNewsroom  Action = "view_newsroom"  // see the newsroom and the story lists
	ActCreateArticle Action = "create_article" // file a new story (own draft)
	ActEditOwn       Action = "edit_own"       // edit one's own draft or returned story
	ActEditAny       Action = "edit_any"       // edit anyone's story in any state
	ActSubmit        Action = "submit"         // send a draft to the editors
	ActReturn        Action = "return"         // send a submitted story back with a note
	ActPublish       Action = "publish"        // publish now
	ActSchedule      Action = "schedule"       // publish at a set time
	ActCorrect       Action = "correct"        // publish a correction note
	ActUnpublish     Action = "unpublish"      // withdraw a published story (410)
	ActTranslate     Action = "translate"      // start a translation draft
	ActCreateBrief   Action = "create_brief"   // file a brief
	ActPublishBrief  Action = "publish_brief"  // publish a brief (editors' briefs publish at once)
	ActUploadImage   Action = "upload_image"   // upload images
	ActModerate      Action = "moderate"       // moderate reader reviews
	ActManageUsers   Action = "manage_users"   // add, disable, change roles
	ActManageSite    Action = "manage_site"    // sections, languages, settings
	ActViewAudit     Action = "view_audit"     // read the audit log
	ActOwnTokens     Action = "own_tokens"     // create and revoke one's own API tokens
	ActArrangeFront  Action = "arrange_front"  // choose and order the top stories of the home page
)

// Actions lists every action, for the permission matrix tests and the docs.
func Actions() []Action {
	return []Action{ActViewNewsroom, ActCreateArticle, ActEditOwn, ActEditAny, ActSubmit, ActReturn, ActPublish,
		ActSchedule, ActCorrect, ActUnpublish, ActTranslate, ActCreateBrief, ActPublishBrief, ActUploadImage,
		ActModerate, ActManageUsers, ActManageSite, ActViewAudit, ActOwnTokens, ActArrangeFront}
}

// Roles lists the roles from least to most powerful.
func Roles() []string { return []string{RoleCorrespondent, RoleEditor, RoleAdmin} }

var correspondentCan = map[Action]bool{
	ActViewNewsroom: true, ActCreateArticle: true, ActEditOwn: true, ActSubmit: true, ActTranslate: true,
	ActCreateBrief: true, ActUploadImage: true, ActOwnTokens: true,
}

var adminOnly = map[Action]bool{ActManageUsers: true, ActManageSite: true, ActViewAudit: true}

// Can reports whether a role may perform an action. An empty role (anonymous) may not do
// anything in the newsroom.
func Can(role string, a Action) bool {
	switch role {
	case RoleCorrespondent:
		return correspondentCan[a]
	case RoleEditor:
		return !adminOnly[a]
	case RoleAdmin:
		return true
	}
	return false
}

// ErrForbidden is returned when the acting user's role does not allow an action.
var ErrForbidden = errors.New("forbidden")
