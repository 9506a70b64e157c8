package desk

import (
	"fmt"
	"strings"
	"time"
)

// fieldZoneName names the time zone loc for a form's time field, in lang: "Baku time,
// GMT+4" (the city of the zone's name and its offset at the instant at), or "UTC".
func fieldZoneName(lang string, loc *time.Location, at time.Time) string {
	name := loc.String()
	_, offset := at.In(loc).Zone()
	gmt := "GMT"
	if offset != 0 {
		sign := "+"
		if offset < 0 {
			sign, offset = "-", -offset
		}
		gmt += sign + fmt.Sprint(offset/3600)
		if m := offset % 3600 / 60; m != 0 {
			gmt += fmt.Sprintf(":%02d", m)
		}
	}
	city := name[strings.LastIndexByte(name, '/')+1:]
	if city == "" || city == "UTC" || city == "Local" || !strings.Contains(name, "/") {
		if offset == 0 {
			return "UTC"
		}
		return gmt
	}
	return translate(lang, "%s time, %s", translate(lang, strings.ReplaceAll(city, "_", " ")), gmt)
}
