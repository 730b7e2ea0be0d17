//! Progress reporting. The library only calls this trait; the binary decides
//! whether a bar is shown (stderr is a terminal and `--quiet` is off).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
            ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} ({per_sec}, {eta})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Bar { bar }
    }
}

impl Progress for Bar {
    fn start(&self, phase: &str, total: u64) {
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
