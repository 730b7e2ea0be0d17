//! Line normalization and cleaning, with and without the article selection.
//! A panic is a crash; a broken invariant (see `newsdedup::fuzzing`) panics too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = newsdedup::fuzzing::clean(data) {
        panic!("invariant broken: {broken}");
    }
});
