package account

import (
	"errors"
	"strings"
	"testing"
)

// TestNewPasswordPolicy follows NIST SP 800-63B: length, no whitespace-only, repetitive,
// sequential or commonly used passwords, and no composition rules (long passphrases pass).
func TestNewPasswordPolicy(t *testing.T) {
	tests := []struct {
		name, password string
		refused        bool
		reason         string // part of the reason given, when refused
	}{
		{"too short", "short", true, "at least 10"},
		{"ten spaces", strings.Repeat(" ", 10), true, "only spaces"},
		{"twelve spaces", strings.Repeat(" ", 12), true, "only spaces"},
		{"tabs and spaces", " \t \t \t \t \t \t", true, "only spaces"},
		{"one letter repeated", "aaaaaaaaaa", true, "repeats"},
		{"one letter repeated, twelve", "aaaaaaaaaaaa", true, "repeats"},
		{"one digit repeated", "1111111111", true, "repeats"},
		{"short pattern repeated", "abababababab", true, "repeats"},
		{"pattern with a partial tail", "abcabcabcab", true, "repeats"},
		{"a word said twice", "sunflowersunflower", true, "repeats"},
		{"three characters only", "aabbaabbcc", true, "repeats"},
		{"repeated with spaces", "aaaa aaaa aaaa", true, "repeats"},
		{"digits in order", "1234567890", true, "sequence"},
		{"digits backwards", "0987654321", true, "sequence"},
		{"letters in order", "abcdefghij", true, "sequence"},
		{"letters in order, upper case", "ABCDEFGHIJKL", true, "sequence"},
		{"letters backwards", "zyxwvutsrq", true, "sequence"},
		{"keyboard row", "qwertyuiop", true, "sequence"},
		{"two runs", "abcde12345", true, "sequence"},
		{"cyrillic keyboard row", "йцукенгшщз", true, "sequence"},
		{"common", "password123", true, "commonly used"},
		{"common, other case", "PassWord123", true, "commonly used"},
		{"common with a year", "iloveyou2024", true, "commonly used"},
		{"common with symbols", "sunshine!!!", true, "commonly used"},
		{"common with a space", "password 123", true, "commonly used"},
		{"common, long", "qwerty123456", true, ""},
		{"passphrase", "correct horse battery staple", false, ""},
		{"passphrase with spaces at the ends", "  a long test password  ", false, ""},
		{"lower-case only, long", "windowsillgeraniums", false, ""},
		{"no composition rules", "harbourcranesatdawn", false, ""},
		{"unicode passphrase", "çay içmək istəyirəm", false, ""},
		{"digits, not in order", "8305196472", false, ""},
		{"random", "Xk4#pQ9z!mW2", false, ""},
		{"exactly ten", "tenletters", false, ""},
		{"test password", "a long test password", false, ""},
		{"too long", strings.Repeat("harbour cranes at dawn ", 45), true, "at most 1024"},
		{"at the longest, almost periodic", strings.Repeat("abcd", 255) + "efgh", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckNewPassword(tc.password)
			if !tc.refused {
				if err != nil {
					t.Fatalf("CheckNewPassword(%q) = %v, want accepted", tc.password, err)
				}
				return
			}
			if !errors.Is(err, ErrWeakPassword) {
				t.Fatalf("CheckNewPassword(%q) = %v, want ErrWeakPassword", tc.password, err)
			}
			if !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("CheckNewPassword(%q) = %q, want a reason with %q", tc.password, err, tc.reason)
			}
			if _, err := HashPassword(tc.password); !errors.Is(err, ErrWeakPassword) {
				t.Errorf("HashPassword(%q) = %v, want ErrWeakPassword", tc.password, err)
			}
		})
	}
}

func TestCommonPasswordList(t *testing.T) {
	n := 0
	for p := range commonPasswords {
		n++
		if p != strings.ToLower(p) || strings.TrimSpace(p) != p || p == "" {
			t.Errorf("list entry %q is not lower case and trimmed", p)
		}
	}
	if n < 200 || n > 1000 {
		t.Errorf("%d common passwords listed, want a few hundred", n)
	}
}

// TestRandomPasswordsPass: the demo's generated passwords always meet the policy.
func TestRandomPasswordsPass(t *testing.T) {
	for range 2000 {
		p, err := RandomPassword()
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckNewPassword(p); err != nil {
			t.Fatalf("random password %q refused: %v", p, err)
		}
	}
}
