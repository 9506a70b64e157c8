package account

import (
	_ "embed"
	"errors"
	"strings"
	"unicode"

	"github.com/newsdesk/newsdesk/internal/content"
)

// ErrWeakPassword is matched (errors.Is) by every refusal of CheckNewPassword.
var ErrWeakPassword = errors.New("weak password")

// WeakPasswordError says why a new password is refused. Reason is a human phrase that
// completes "The password is refused: …"; Why is that phrase as a format and its
// arguments, for a surface that shows it in another language.
type WeakPasswordError struct {
	Reason string
	Why    content.Message
}

func (e *WeakPasswordError) Error() string { return "password refused: " + e.Reason }

// Is makes a WeakPasswordError match ErrWeakPassword.
func (e *WeakPasswordError) Is(target error) bool { return target == ErrWeakPassword }

func weak(format string, args ...any) error {
	why := content.Msg(format, args...)
	return &WeakPasswordError{Reason: why.String(), Why: why}
}

// CheckNewPassword applies NIST SP 800-63B (section 5.1.1.2) to a password being set: at
// least MinPasswordLen and at most MaxPasswordLen characters, not whitespace only, not repetitive (one character or a
// short pattern repeated, or only a few different characters), not a straight sequence
// (1234567890, abcdefgh, a keyboard row, or two such runs) and not one of the most commonly
// used passwords (ignoring case and spaces, also with digits or symbols added at the start
// or the end). There are no composition rules: long passphrases with spaces are welcome.
func CheckNewPassword(password string) error {
	if n := len([]rune(password)); n < MinPasswordLen {
		return weak("it must be at least %d characters (it has %d); a few unrelated words make a good one", MinPasswordLen, n)
	} else if n > MaxPasswordLen {
		return weak("it must be at most %d characters (it has %d)", MaxPasswordLen, n)
	}
	if strings.TrimFunc(password, unicode.IsSpace) == "" {
		return weak("it is only spaces")
	}
	core := []rune(strings.ToLower(strings.Join(strings.Fields(password), "")))
	if repetitive(core) {
		return weak("it repeats a character or a short pattern")
	}
	if sequential(core) {
		return weak("it is a sequence such as 1234567890, abcdefgh or a keyboard row")
	}
	if common(password) {
		return weak("it is one of the most commonly used passwords")
	}
	return nil
}

// repetitive reports a password made of a pattern at most half its length repeated
// (aaaa, abab, wordword), or of fewer than four different characters.
func repetitive(s []rune) bool {
	distinct := map[rune]bool{}
	for _, r := range s {
		distinct[r] = true
	}
	if len(distinct) < 4 {
		return true
	}
	// The shortest period is len(s) minus the longest proper prefix that is also a suffix
	// (the prefix function of Knuth, Morris and Pratt), found in linear time.
	if len(s) < 2 {
		return false
	}
	border := make([]int, len(s))
	for i := 1; i < len(s); i++ {
		k := border[i-1]
		for k > 0 && s[i] != s[k] {
			k = border[k-1]
		}
		if s[i] == s[k] {
			k++
		}
		border[i] = k
	}
	return len(s)-border[len(s)-1] <= len(s)/2
}

// sequences are the orders people type straight through: alphabets, digits (with 0 after
// 9 as on a keyboard), and the keyboard rows of the site's languages. Each is also
// checked backwards.
var sequences = func() []string {
	forward := []string{"abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm",
		"qwertzuiop", "azertyuiop", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"}
	out := forward
	for _, s := range forward {
		r := []rune(s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		out = append(out, string(r))
	}
	return out
}()

// sequential reports a password that is at most two straight runs (abcde12345, qwerty1234).
func sequential(s []rune) bool {
	runs := 0
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && inSequence(string(s[i:j+1])) {
			j++
		}
		runs++
		if runs > 2 {
			return false
		}
		i = j
	}
	return true
}

func inSequence(part string) bool {
	for _, seq := range sequences {
		if strings.Contains(seq, part) {
			return true
		}
	}
	return false
}

//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords is the shipped list of the most commonly used passwords.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// common reports a password of the list, compared without case and spaces, also when
// digits or symbols were added before or after a listed word (iloveyou2024, sunshine!!).
func common(password string) bool {
	lower := strings.ToLower(password)
	squeezed := strings.Join(strings.Fields(lower), "")
	if commonPasswords[strings.TrimSpace(lower)] || commonPasswords[squeezed] {
		return true
	}
	base := strings.TrimFunc(squeezed, func(r rune) bool { return !unicode.IsLetter(r) })
	return len([]rune(base)) >= 4 && commonPasswords[base]
}
