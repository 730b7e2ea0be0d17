//! HTML sniffing and article extraction (the bytes read as UTF-8).
//! A panic is a crash; a broken invariant (see `newsdedup::fuzzing`) panics too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = newsdedup::fuzzing::html(data) {
        panic!("invariant broken: {broken}");
    }
});
