-- Newsdesk schema, version 15: each newsroom user's own settings.
--
-- language is the newsroom's language for the user ("en", "ru", "az"); time_zone an IANA
-- zone name ("Asia/Baku") for the times the newsroom shows and reads. Empty means the
-- default: the browser's language, the site's --time-zone.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
