package account

import "time"

// Sign-in throttling. Failures count per (account, client address): one address guessing
// at an account slows itself down and no one else, so a stranger cannot lock an editor out.
// Failures of one account from every address are counted too, only to tell the
// administrators when the account is under attack.
const (
	// LoginFreeFailures is how many wrong passwords an address may send for one account
	// before it must wait between attempts.
	LoginFreeFailures = 5
	// LoginFirstDelay is the wait after the LoginFreeFailures-th failure; each further
	// failure doubles it, up to LoginMaxDelay.
	LoginFirstDelay = 15 * time.Second
	// LoginMaxDelay caps the wait between two attempts of one address for one account.
	LoginMaxDelay = 15 * time.Minute
	// LoginForgetAfter is how long failures are remembered after the last one (a successful
	// sign-in from the address forgets them at once).
	LoginForgetAfter = 24 * time.Hour
	// LoginAttackFailures failures of one account, from any addresses, within
	// LoginAttackWindow are written to the audit log, once per window.
	LoginAttackFailures = 10
	// LoginAttackWindow is the window of LoginAttackFailures; it starts at a failure.
	LoginAttackWindow = 15 * time.Minute
)

// LoginDelay returns how long an address must wait, after its failures-th wrong password
// for an account, before its next attempt for that account is checked at all.
func LoginDelay(failures int) time.Duration {
	if failures < LoginFreeFailures {
		return 0
	}
	d := LoginFirstDelay
	for i := LoginFreeFailures; i < failures && d < LoginMaxDelay; i++ {
		d *= 2
	}
	return min(d, LoginMaxDelay)
}
