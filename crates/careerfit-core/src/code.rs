//! Share codes: a short, checkable, typo-tolerant text form of an answer sheet.
//!
//! Layout, most significant bit first: a 15-bit checksum over everything
//! after it, a 3-bit format version, the quiz fingerprint's first 20 bits,
//! then the answers as one mixed-radix number (radix = options + 1 per
//! question; 0 means skipped). The bits are written in Crockford base32 and
//! grouped by fours with dashes. Decoding rejects anything the checksum or
//! the quiz does not vouch for: a typo is caught unless it happens to
//! match the 15-bit checksum (about 1 in 32,768), and the fingerprint
//! refuses codes from any other quiz or quiz version.

use super::model::Quiz;
use super::scoring::Answers;
use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const VERSION: u64 = 1;
const CHECK_BITS: usize = 15;
const VERSION_BITS: usize = 3;
const FP_BITS: usize = 20;
const HEADER_BITS: usize = CHECK_BITS + VERSION_BITS + FP_BITS;
/// Longest code accepted before any decoding, in bytes. The largest quiz
/// the loader accepts (5,000 questions of 9 options) needs about 4,200
/// characters with its dashes; twice that leaves room for spaces a person
/// or a mail program adds, and is still refused before any decoding.
pub const MAX_CODE: usize = 8192;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the share code is empty")]
    Empty,
    #[error("the share code is too long to be a share code")]
    TooLong,
    #[error("the share code contains {0:?}, which is not a share-code character")]
    BadChar(char),
    #[error("the share code is mistyped or incomplete (its checksum does not match)")]
    Checksum,
    #[error("the share code uses format version {0}, which this careerfit cannot read")]
    Version(u64),
    #[error("this share code belongs to {0}, not to this quiz")]
    OtherQuiz(String),
    #[error("the share code does not fit this quiz (it holds answers the quiz does not have)")]
    Mismatch,
}

/// Bits the fingerprint contributes, so codes of other quizzes can be recognised.
pub fn fingerprint_bits(fingerprint: &str) -> u64 {
    u64::from_str_radix(fingerprint.get(..5).unwrap_or("0"), 16).unwrap_or(0)
}

/// Encodes an answer sheet of `quiz` (file order; out-of-range choices count as skipped).
pub fn encode(quiz: &Quiz, answers: &[Option<usize>]) -> String {
    let mut n = Big::zero();
    for (i, q) in quiz.questions.iter().enumerate() {
        let radix = q.choices.len() as u32 + 1;
        let digit = answers
            .get(i)
            .copied()
            .flatten()
            .filter(|&c| c < q.choices.len())
            .map_or(0, |c| c as u32 + 1);
        n.mul_add(radix, digit);
    }
    let answer_bits = answer_bits(quiz);
    let mut bits = Bits::default();
    bits.push(VERSION, VERSION_BITS);
    bits.push(fingerprint_bits(&quiz.fingerprint), FP_BITS);
    bits.push_big(&n, answer_bits);
    let total = (HEADER_BITS + answer_bits).div_ceil(5) * 5;
    bits.pad_to(total - CHECK_BITS);
    let check = checksum(&bits);
    let mut all = Bits::default();
    all.push(check, CHECK_BITS);
    all.extend(&bits);
    group(&all.to_base32())
}

/// Decodes a code for `quiz`; `others` names quizzes by fingerprint so a code
/// from another quiz can say which one it belongs to.
pub fn decode(quiz: &Quiz, code: &str, others: &[(String, String)]) -> Result<Answers, CodeError> {
    if code.len() > MAX_CODE {
        return Err(CodeError::TooLong);
    }
    let mut vals = Vec::new();
    for c in code.chars() {
        if matches!(c, '-' | ' ' | '_' | '.') {
            continue;
        }
        vals.push(value(c).ok_or(CodeError::BadChar(c))?);
    }
    if vals.is_empty() {
        return Err(CodeError::Empty);
    }
    let bits = Bits::from_base32(&vals);
    if bits.len() < HEADER_BITS {
        return Err(CodeError::Checksum);
    }
    let check = bits.read(0, CHECK_BITS);
    let rest = bits.slice(CHECK_BITS);
    if checksum(&rest) != check {
        return Err(CodeError::Checksum);
    }
    let version = rest.read(0, VERSION_BITS);
    if version != VERSION {
        return Err(CodeError::Version(version));
    }
    let fp = rest.read(VERSION_BITS, FP_BITS);
    if fp != fingerprint_bits(&quiz.fingerprint) {
        let name = others
            .iter()
            .find(|(f, _)| fingerprint_bits(f) == fp)
            .map_or_else(
                || format!("another quiz or another version of this one (fingerprint {fp:05x})"),
                |(_, n)| format!("the quiz {n}"),
            );
        return Err(CodeError::OtherQuiz(name));
    }
    let answer_bits = answer_bits(quiz);
    let expected = (HEADER_BITS + answer_bits).div_ceil(5) * 5;
    if bits.len() != expected {
        return Err(CodeError::Mismatch);
    }
    let mut n = rest.read_big(VERSION_BITS + FP_BITS, answer_bits);
    let mut answers = vec![None; quiz.questions.len()];
    for (i, q) in quiz.questions.iter().enumerate().rev() {
        let d = n.div_rem(q.choices.len() as u32 + 1);
        answers[i] = d.checked_sub(1).map(|c| c as usize);
    }
    if !n.is_zero() {
        return Err(CodeError::Mismatch);
    }
    Ok(answers)
}

/// Bits needed for every possible answer sheet: ceil(log2(Π radix)).
fn answer_bits(quiz: &Quiz) -> usize {
    let mut n = Big::zero();
    n.mul_add(1, 1);
    for q in &quiz.questions {
        n.mul_add(q.choices.len() as u32 + 1, 0);
    }
    // Largest value is n - 1; its bit length is enough.
    n.sub_one();
    n.bit_len()
}

fn value(c: char) -> Option<u64> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u64)
}

fn group(s: &str) -> String {
    s.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

fn checksum(bits: &Bits) -> u64 {
    let mut h = Sha256::new();
    h.update(b"careerfit-share-code");
    h.update((bits.len() as u64).to_be_bytes());
    h.update(bits.to_bytes());
    let d = h.finalize();
    (u64::from(d[0]) << 8 | u64::from(d[1])) >> (16 - CHECK_BITS)
}

/// A plain bit vector, most significant bit first.
#[derive(Default, Clone)]
struct Bits(Vec<bool>);

impl Bits {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn push(&mut self, v: u64, n: usize) {
        for i in (0..n).rev() {
            self.0.push(v >> i & 1 == 1);
        }
    }
    fn push_big(&mut self, b: &Big, n: usize) {
        for i in (0..n).rev() {
            self.0.push(b.bit(i));
        }
    }
    fn pad_to(&mut self, n: usize) {
        self.0.resize(n.max(self.0.len()), false);
    }
    fn extend(&mut self, o: &Bits) {
        self.0.extend_from_slice(&o.0);
    }
    fn slice(&self, from: usize) -> Bits {
        Bits(self.0.get(from..).unwrap_or(&[]).to_vec())
    }
    fn read(&self, at: usize, n: usize) -> u64 {
        (at..at + n).fold(0, |v, i| {
            v << 1 | u64::from(self.0.get(i).copied().unwrap_or(false))
        })
    }
    fn read_big(&self, at: usize, n: usize) -> Big {
        let mut b = Big::zero();
        for i in at..at + n {
            b.mul_add(2, u32::from(self.0.get(i).copied().unwrap_or(false)));
        }
        b
    }
    fn to_bytes(&self) -> Vec<u8> {
        self.0
            .chunks(8)
            .map(|c| {
                c.iter()
                    .enumerate()
                    .fold(0u8, |v, (i, &b)| v | (u8::from(b) << (7 - i)))
            })
            .collect()
    }
    fn to_base32(&self) -> String {
        self.0
            .chunks(5)
            .map(|c| {
                let v = c.iter().fold(0usize, |v, &b| v << 1 | usize::from(b)) << (5 - c.len());
                ALPHABET[v] as char
            })
            .collect()
    }
    fn from_base32(vals: &[u64]) -> Bits {
        let mut b = Bits::default();
        for &v in vals {
            b.push(v, 5);
        }
        b
    }
}

/// Just enough arbitrary-precision arithmetic for mixed-radix packing
/// (little-endian base 2^32 limbs).
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn zero() -> Big {
        Big(Vec::new())
    }
    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for l in &mut self.0 {
            let v = u64::from(*l) * u64::from(m) + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }
    fn div_rem(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for l in self.0.iter_mut().rev() {
            let v = rem << 32 | u64::from(*l);
            *l = (v / u64::from(d)) as u32;
            rem = v % u64::from(d);
        }
        rem as u32
    }
    fn sub_one(&mut self) {
        for l in &mut self.0 {
            if *l > 0 {
                *l -= 1;
                return;
            }
            *l = u32::MAX;
        }
    }
    fn bit(&self, i: usize) -> bool {
        self.0.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1)
    }
    fn bit_len(&self) -> usize {
        (0..self.0.len() * 32)
            .rev()
            .find(|&i| self.bit(i))
            .map_or(0, |i| i + 1)
    }
}

#[cfg(test)]
#[path = "code_tests.rs"]
mod unit_tests;
