//! Who a participant says they are and whether they know the join code.
//! Pure functions, so the rules are unit-tested without a connection.

use careerfit_core::sanitize::clean_line;
use careerfit_core::text::truncate;

/// Widest nickname kept from the SSH user name.
const MAX_NICK: usize = 32;

/// The nickname from an SSH user name: sanitized, one line, short.
pub fn nickname(user: &str) -> Option<String> {
    let n = truncate(&clean_line(user), MAX_NICK);
    (!n.is_empty()).then_some(n)
}

/// Join codes are compared ignoring case and surrounding spaces, in
/// constant time: both are hashed (so neither the position of the first
/// difference nor the code's length shows in the timing) and the digests
/// compared with `subtle`, which the optimiser cannot turn into an early
/// exit the way it may a hand-written loop.
pub fn code_matches(expected: &str, given: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    use subtle::ConstantTimeEq;
    let given = String::from_utf8_lossy(given).trim().to_uppercase();
    let expected = expected.to_uppercase();
    let a = Sha256::digest(expected.as_bytes());
    let b = Sha256::digest(given.as_bytes());
    a.as_slice().ct_eq(b.as_slice()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_ignore_case_and_spaces_only() {
        assert!(code_matches("K7M4QX", b"k7m4qx"));
        assert!(code_matches("K7M4QX", b" K7M4QX \n"));
        assert!(!code_matches("K7M4QX", b"K7M4Q"));
        assert!(!code_matches("K7M4QX", b"K7M4QXX"));
        assert!(!code_matches("K7M4QX", b""));
        assert!(!code_matches("K7M4QX", b"\xff\xfe"));
    }

    #[test]
    fn nicknames_are_clean_and_short() {
        assert_eq!(nickname("sam"), Some("sam".into()));
        assert_eq!(nickname("\x1b[2Jeve"), Some("[2Jeve".into()));
        assert_eq!(nickname("   "), None);
        assert_eq!(
            nickname(&"x".repeat(100)).unwrap().chars().count(),
            MAX_NICK
        );
    }
}
