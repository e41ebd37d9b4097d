//! Unit tests of `core::code`, kept apart so the module reads in one sitting.

use super::*;

fn bundled() -> Quiz {
    crate::bundled::v1()
}

#[test]
fn crockford_characters_and_look_alikes() {
    assert_eq!(value('0'), Some(0));
    assert_eq!(value('o'), Some(0));
    assert_eq!(value('O'), Some(0));
    for one in ['1', 'i', 'I', 'l', 'L'] {
        assert_eq!(value(one), Some(1), "{one}");
    }
    assert_eq!(value('z'), Some(31));
    for bad in ['U', 'u', '!', 'é', '\u{1b}'] {
        assert_eq!(value(bad), None, "{bad:?}");
    }
    for (i, &c) in ALPHABET.iter().enumerate() {
        assert_eq!(value(c as char), Some(i as u64));
    }
}

#[test]
fn groups_of_four() {
    assert_eq!(group(""), "");
    assert_eq!(group("ABCD"), "ABCD");
    assert_eq!(group("ABCDEFGHI"), "ABCD-EFGH-I");
}

#[test]
fn big_numbers_round_trip_mixed_radix_digits() {
    let radices: Vec<u32> = (0..200).map(|i| 2 + i % 9).collect();
    let digits: Vec<u32> = radices
        .iter()
        .enumerate()
        .map(|(i, r)| (i as u32 * 7) % r)
        .collect();
    let mut n = Big::zero();
    for (&r, &d) in radices.iter().zip(&digits) {
        n.mul_add(r, d);
    }
    for (&r, &d) in radices.iter().zip(&digits).rev() {
        assert_eq!(n.div_rem(r), d);
    }
    assert!(n.is_zero());
}

#[test]
fn sub_one_and_bit_length() {
    let mut n = Big::zero();
    assert_eq!(n.bit_len(), 0);
    n.mul_add(1, 1);
    n.mul_add(1 << 16, 0);
    n.mul_add(1 << 16, 0); // 2^32: crosses a limb
    assert_eq!(n.bit_len(), 33);
    n.sub_one();
    assert_eq!(n.bit_len(), 32);
    assert!((0..32).all(|i| n.bit(i)));
}

#[test]
fn bits_read_back_what_was_pushed() {
    let mut b = Bits::default();
    b.push(0b101, 3);
    b.push(0xABCDE, 20);
    b.push(0, 2);
    assert_eq!(b.len(), 25);
    assert_eq!(b.read(0, 3), 0b101);
    assert_eq!(b.read(3, 20), 0xABCDE);
    assert_eq!(
        b.read(20, 10),
        0b11_0000_0000,
        "reading past the end gives zeros"
    );
    let s = b.to_base32();
    assert_eq!(s.len(), 5);
    let vals: Vec<u64> = s.chars().map(|c| value(c).unwrap()).collect();
    assert_eq!(Bits::from_base32(&vals).0, b.0);
    assert_eq!(b.slice(23).0, vec![false, false]);
    assert_eq!(b.slice(99).len(), 0);
}

#[test]
fn answer_bits_hold_every_sheet() {
    let q = bundled();
    let bits = answer_bits(&q);
    // The largest sheet (every question at its last option) must fit.
    let mut max = Big::zero();
    for x in &q.questions {
        max.mul_add(x.choices.len() as u32 + 1, x.choices.len() as u32);
    }
    assert_eq!(max.bit_len(), bits);
}

#[test]
fn every_single_bit_flip_is_caught() {
    let q = bundled();
    let answers: Vec<Option<usize>> = q
        .questions
        .iter()
        .map(|x| Some(x.choices.len() - 1))
        .collect();
    let code = encode(&q, &answers);
    let vals: Vec<u64> = code
        .chars()
        .filter(|&c| c != '-')
        .map(|c| value(c).unwrap())
        .collect();
    let bits = Bits::from_base32(&vals);
    for i in 0..bits.len() {
        let mut flipped = bits.clone();
        flipped.0[i] = !flipped.0[i];
        let typo = flipped.to_base32();
        assert!(
            decode(&q, &typo, &[]).is_err(),
            "bit {i} flipped was accepted"
        );
    }
}

#[test]
fn fingerprint_bits_use_the_first_five_hex_digits() {
    assert_eq!(fingerprint_bits("de6e0113da5bdbb5"), 0xde6e0);
    assert_eq!(fingerprint_bits("abc"), 0, "too short");
    assert_eq!(fingerprint_bits("zzzzzz"), 0, "not hex");
}
