// Package brand holds the agency's brand: its name, accent colour, logo, icon and default
// share image, as the newsroom's settings store them, and the images the site draws from
// them where none was uploaded (the share card, the monogram icon). It imports no store
// and no surface: the newsroom's settings page writes the values, the public site reads
// them (internal/web/brand.go).
package brand

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The settings that hold the brand. Every one of them is on every public page (the
// masthead, the head's icons and share tags, the JSON-LD publisher; the networks'
// profiles of social.go are in every footer), so a change purges all pages, as every
// setting does.
const (
	SettingName        = "brand_name"          // the agency's name; empty: the site name of the first language
	SettingAccent      = "brand_accent"        // "#rrggbb"; empty: the stylesheet's own
	SettingLogo        = "brand_logo"          // an Asset (SVG or PNG); empty: the name as text
	SettingLogoHasName = "brand_logo_has_name" // "1": the logo shows the name, the masthead does not repeat it
	SettingIcon        = "brand_icon"          // an Asset (square PNG, 180 px); empty: the monogram
	SettingCard        = "brand_card"          // an Asset (1200×630 JPEG); empty: the card drawn from name and accent
)

// Settings lists the brand's settings, the networks' profiles (social.go) included, with
// their defaults (all empty).
func Settings() map[string]string {
	out := ProfileSettings()
	for k, v := range map[string]string{SettingName: "", SettingAccent: "", SettingLogo: "", SettingLogoHasName: "0",
		SettingIcon: "", SettingCard: ""} {
		out[k] = v
	}
	return out
}

// Asset is an image of the brand as a setting stores it: its type, size and bytes.
type Asset struct {
	Type          string // image/png, image/jpeg or image/svg+xml
	Width, Height int
	Data          []byte
}

// Ext is the file name extension of the asset's type.
func (a Asset) Ext() string {
	switch a.Type {
	case "image/svg+xml":
		return ".svg"
	case "image/jpeg":
		return ".jpg"
	}
	return ".png"
}

// Encode writes the asset as a setting's value: "type width height base64".
func (a Asset) Encode() string {
	return a.Type + " " + strconv.Itoa(a.Width) + " " + strconv.Itoa(a.Height) + " " + base64.StdEncoding.EncodeToString(a.Data)
}

// errBadAsset is a stored value that is not an Asset.
var errBadAsset = errors.New("not a brand image")

// DecodeAsset reads a setting's value written by Encode; an empty value is no asset (ok
// false, no error).
func DecodeAsset(v string) (a Asset, ok bool, err error) {
	if v == "" {
		return Asset{}, false, nil
	}
	f := strings.SplitN(v, " ", 4)
	if len(f) != 4 {
		return Asset{}, false, errBadAsset
	}
	a.Type = f[0]
	if a.Width, err = strconv.Atoi(f[1]); err != nil {
		return Asset{}, false, fmt.Errorf("%w: width: %v", errBadAsset, err)
	}
	if a.Height, err = strconv.Atoi(f[2]); err != nil {
		return Asset{}, false, fmt.Errorf("%w: height: %v", errBadAsset, err)
	}
	if a.Data, err = base64.StdEncoding.DecodeString(f[3]); err != nil {
		return Asset{}, false, fmt.Errorf("%w: %v", errBadAsset, err)
	}
	return a, true, nil
}
