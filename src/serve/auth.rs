//! Who a participant says they are and whether they know the join code.
//! Pure functions, so the rules are unit-tested without a connection.

use crate::core::sanitize::clean_line;
use crate::core::text::truncate;

/// Widest nickname kept from the SSH user name.
const MAX_NICK: usize = 32;

/// The nickname from an SSH user name: sanitized, one line, short.
pub fn nickname(user: &str) -> Option<String> {
    let n = truncate(&clean_line(user), MAX_NICK);
    (!n.is_empty()).then_some(n)
}

/// Join codes are compared ignoring case and surrounding spaces, over every
/// byte so the time taken does not depend on where they differ.
pub fn code_matches(expected: &str, given: &[u8]) -> bool {
    let given = String::from_utf8_lossy(given).trim().to_uppercase();
    let expected = expected.to_uppercase();
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    let mut diff = u8::from(a.len() != b.len());
    for (i, x) in a.iter().enumerate() {
        diff |= x ^ b.get(i).copied().unwrap_or(0);
    }
    diff == 0
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
