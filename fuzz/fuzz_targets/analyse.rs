//! The whole analysis of one document: decode, extract, clean, language, shingles, signature, features.
//! A panic is a crash; a broken invariant (see `newsdedup::fuzzing`) panics too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = newsdedup::fuzzing::analyse(data) {
        panic!("invariant broken: {broken}");
    }
});
