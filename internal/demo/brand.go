package demo

// Brand is the demo agency's brand: its name, accent colour and logo (drawn for the
// demo: three waves of the Caspian under a wire's arc, in the accent on a pale disc).
type Brand struct {
	Name   string
	Accent string // #rrggbb
	Logo   string // SVG
}

func brand() Brand {
	return Brand{
		Name:   "Caspian Wire",
		Accent: "#0b5c6b",
		Logo: `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<title>Caspian Wire</title>
<circle cx="32" cy="32" r="31" fill="#e6f2f3" stroke="#0b5c6b" stroke-width="2"/>
<path d="M14 26a18 18 0 0 1 36 0" fill="none" stroke="#0b5c6b" stroke-width="3" stroke-linecap="round"/>
<circle cx="32" cy="14" r="3" fill="#c2410c"/>
<path d="M10 36c4-4 8-4 12 0s8 4 12 0 8-4 12 0 8 4 8 0" fill="none" stroke="#0b5c6b" stroke-width="3" stroke-linecap="round"/>
<path d="M12 44c4-4 8-4 12 0s8 4 12 0 8-4 12 0 6 3 6 0" fill="none" stroke="#0b5c6b" stroke-width="3" stroke-linecap="round"/>
<path d="M16 52c4-3 7-3 10 0s7 3 10 0 7-3 10 0" fill="none" stroke="#0b5c6b" stroke-width="3" stroke-linecap="round"/>
</svg>
`,
	}
}
