//! Content-derived ids: a variant is named by the hash of its canonical
//! document's cleaned text, a story by that of its lead variant, salted, so
//! ids never depend on file names, order or thread count.

/// XORed into the lead variant's content hash to give the story id, so that a
/// story id never equals the id of its own lead variant (the bytes spell
/// `STORY` in ASCII).
pub const STORY_ID_SALT: u64 = 0x5354_4f52_5900_0000;

/// A variant's id: its canonical document's content hash, 16 hex digits.
pub fn variant_id(canonical_hash: u64) -> String {
    hex(canonical_hash)
}

/// A story's id, from the content hash of its lead (first) variant's canonical.
pub fn story_id(lead_canonical_hash: u64) -> String {
    hex(lead_canonical_hash ^ STORY_ID_SALT)
}

fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sixteen_hex_digits_and_differ_by_kind() {
        assert_eq!(variant_id(0xab), "00000000000000ab");
        assert_eq!(story_id(0xab), "53544f52590000ab");
        assert_eq!(&STORY_ID_SALT.to_be_bytes()[..5], b"STORY");
    }
}
