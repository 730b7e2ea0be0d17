//! Decoding raw file bytes: UTF-8, UTF-16 with a BOM, a declared charset, Windows-1252, binary detection.
//! A panic is a crash; a broken invariant (see `newsdedup::fuzzing`) panics too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = newsdedup::fuzzing::decode(data) {
        panic!("invariant broken: {broken}");
    }
});
