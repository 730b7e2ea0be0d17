//! Progress reporting. The library only calls this trait; the binary decides
//! whether a bar is shown (stderr is a terminal and `--quiet` is off).

use std::fmt::Write;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Receives progress of the long phases.
pub trait Progress: Sync {
    fn start(&self, _phase: &str, _total: u64) {}
    fn inc(&self) {}
    fn finish(&self) {}
    /// A phase of the pipeline ended after `seconds` (for `--verbose`).
    fn phase(&self, _name: &str, _seconds: f64) {}
}

/// Reports nothing.
pub struct Silent;
impl Progress for Silent {}

/// An indicatif bar on stderr.
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    pub fn stderr() -> Self {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} ({rate}, {eta})")
        {
            // Whole files per second ("5372/s", not indicatif's "5,371.5848/s").
            let style = style.with_key("rate", |state: &ProgressState, w: &mut dyn Write| {
                let _ = write!(w, "{}/s", rate(state.per_sec()));
            });
            bar.set_style(style.progress_chars("=> "));
        }
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, phase: &str, total: u64) {
        // Nothing to count: no "0/0" frame.
        if total == 0 {
            return;
        }
        self.bar.reset();
        self.bar.set_length(total);
        self.bar.set_position(0);
        self.bar.set_message(phase.to_string());
    }
    fn inc(&self) {
        self.bar.inc(1);
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A rate as a whole number (rounded; 0 for an undefined rate).
fn rate(per_sec: f64) -> u64 {
    if per_sec.is_finite() && per_sec > 0.0 {
        per_sec.round() as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::rate;

    #[test]
    fn rate_is_a_whole_number() {
        assert_eq!(rate(5371.5848), 5372);
        assert_eq!(rate(0.4), 0);
        assert_eq!(rate(f64::NAN), 0);
        assert_eq!(rate(f64::INFINITY), 0);
    }
}
