package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// sniff names the format of data from its magic bytes: "jpeg", "png" or
// "webp", or an ErrUnsupported or ErrNotImage error.
//
// The decoders are then called directly rather than through image.Decode,
// so that a GIF or BMP decoder registered by any other package in the
// binary cannot widen what uploads accept.
func sniff(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "jpeg", nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png", nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "webp", nil
	}
	if name := otherImageFormat(data); name != "" {
		return "", fmt.Errorf("%w (this is %s)", ErrUnsupported, name)
	}
	return "", ErrNotImage
}

// otherImageFormat names well-known image formats that are not accepted,
// so that they get ErrUnsupported rather than ErrNotImage.
func otherImageFormat(data []byte) string {
	has := func(prefix string) bool { return bytes.HasPrefix(data, []byte(prefix)) }
	switch {
	case has("GIF87a"), has("GIF89a"):
		return "GIF"
	case has("BM") && len(data) >= 14:
		return "BMP"
	case has("II*\x00"), has("MM\x00*"):
		return "TIFF"
	case has("\x00\x00\x01\x00"):
		return "ICO"
	case has("\xff\x0a"), has("\x00\x00\x00\x0cJXL \x0d\x0a\x87\x0a"):
		return "JPEG XL"
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		switch string(data[8:12]) {
		case "avif", "avis":
			return "AVIF"
		case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1":
			return "HEIC"
		}
	}
	// SVG is text: look for its root element near the start, after an
	// optional BOM, XML declaration, comments or doctype.
	head := data[:min(len(data), 1024)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(head, []byte("<")) && bytes.Contains(bytes.ToLower(head), []byte("<svg")) {
		return "SVG"
	}
	return ""
}

// decodeConfig reads only the header of an image in a sniffed format.
func decodeConfig(format string, data []byte) (image.Config, error) {
	r := bytes.NewReader(data)
	switch format {
	case "jpeg":
		return jpeg.DecodeConfig(r)
	case "png":
		return png.DecodeConfig(r)
	case "webp":
		return webp.DecodeConfig(r)
	}
	return image.Config{}, ErrUnsupported
}

// decode decodes the whole of an image in a sniffed format.
func decode(format string, data []byte) (image.Image, error) {
	r := bytes.NewReader(data)
	switch format {
	case "jpeg":
		return jpeg.Decode(r)
	case "png":
		return png.Decode(r)
	case "webp":
		return webp.Decode(r)
	}
	return nil, ErrUnsupported
}

// jpegOrientation returns the EXIF orientation (1 to 8) of a JPEG, or 1
// when it has none or it cannot be read. Only the segments before the
// image data are looked at.
func jpegOrientation(data []byte) int {
	orientation := 1
	jpegSegments(data, func(marker byte, segment []byte) bool {
		if marker == 0xe1 && bytes.HasPrefix(segment, []byte("Exif\x00\x00")) {
			orientation = exifOrientation(segment[6:])
			return false
		}
		return true
	})
	return orientation
}

// jpegProgressive reports whether a JPEG's decoder may keep every coefficient
// in memory: unless a baseline frame (SOF0 or SOF1) is found before anything
// this parser does not follow, the frame is taken as progressive. image/jpeg
// skips stray bytes between segments that jpegSegments stops at, so a junk
// byte must not hide a progressive frame (SOF2) from the estimate.
func jpegProgressive(data []byte) bool {
	progressive := true
	jpegSegments(data, func(marker byte, _ []byte) bool {
		switch marker {
		case 0xc0, 0xc1:
			progressive = false
			return false
		case 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf:
			return false
		}
		return true
	})
	return progressive
}

// jpegSegments calls visit with each marker segment of a JPEG before its
// image data (without the length bytes), until visit returns false. It
// stops quietly at anything malformed.
func jpegSegments(data []byte, visit func(marker byte, segment []byte) bool) {
	if !bytes.HasPrefix(data, []byte("\xff\xd8")) {
		return
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xff {
			return
		}
		marker := data[i+1]
		switch {
		case marker == 0xff: // fill byte
			i++
			continue
		case marker == 0xda || marker == 0xd9: // start of scan, end of image
			return
		}
		n := int(binary.BigEndian.Uint16(data[i+2:])) // counts its own two bytes
		if n < 2 || i+2+n > len(data) {
			return
		}
		if !visit(marker, data[i+4:i+2+n]) {
			return
		}
		i += 2 + n
	}
}

// exifOrientation reads tag 0x0112 from IFD0 of a TIFF-structured EXIF block.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	if order.Uint16(tiff[2:]) != 42 {
		return 1
	}
	ifd := uint64(order.Uint32(tiff[4:]))
	if ifd+2 > uint64(len(tiff)) {
		return 1
	}
	count := uint64(order.Uint16(tiff[ifd:]))
	for k := range count {
		e := ifd + 2 + 12*k
		if e+12 > uint64(len(tiff)) {
			return 1
		}
		if order.Uint16(tiff[e:]) != 0x0112 {
			continue
		}
		const typeShort = 3
		if order.Uint16(tiff[e+2:]) != typeShort {
			return 1
		}
		if v := int(order.Uint16(tiff[e+8:])); v >= 1 && v <= 8 {
			return v
		}
		return 1
	}
	return 1
}
