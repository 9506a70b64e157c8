-- Newsdesk schema, version 11: sign-in throttling per account and client address.
--
-- A wrong password counts against the pair (account, address) only: after a few failures
-- that address waits longer and longer before its next attempt for that account is even
-- checked, while the right password from any other address still works (before, five
-- failures from anywhere locked the account for everyone). Rows are forgotten a day after
-- their last failure, or at a successful sign-in from the address.
CREATE TABLE login_throttle (
    account         TEXT NOT NULL,
    address         TEXT NOT NULL,
    failures        INTEGER NOT NULL,
    last_failure_at BIGINT NOT NULL,
    PRIMARY KEY (account, address)
);
CREATE INDEX login_throttle_last ON login_throttle (last_failure_at);

-- login_failures now counts the failures of an account from every address within a window,
-- only to tell the administrators (audit log) that the account is under attack. Old
-- windows are deleted as new failures come, by this index.
CREATE INDEX login_failures_window ON login_failures (window_start);
