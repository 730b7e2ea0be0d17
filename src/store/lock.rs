//! One run per state at a time: an exclusive OS lock (`flock`) on a file next
//! to the state (`STATE.lock`). The kernel drops it when the process ends,
//! however it ends (`kill -9` included), so a crashed run never blocks the next
//! one. The holder writes its pid and start time into the file, so that a run
//! that gives up can name it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::error::Error;

/// Held for the whole run; released on drop (or by the kernel on exit).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// The lock file of a state: its name plus `.lock`.
pub fn lock_path(state: &Path) -> PathBuf {
    let mut name = state.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Take the lock, waiting up to `timeout` for another run to finish.
pub fn acquire(state: &Path, timeout: Duration) -> Result<Lock, Error> {
    let path = lock_path(state);
    let io = |e: std::io::Error| Error::StateIo {
        path: state.to_path_buf(),
        message: format!("cannot open the lock file '{}': {e}", path.display()),
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    let clock = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if clock.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                return Err(Error::StateBusy {
                    path: state.to_path_buf(),
                    holder: if holder.is_empty() {
                        "a run that has just started".to_string()
                    } else {
                        holder.to_string()
                    },
                    waited: clock.elapsed().as_secs_f64(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
    }
    let me = format!(
        "pid {}, started {}",
        std::process::id(),
        utc_timestamp(SystemTime::now())
    );
    file.set_len(0).map_err(io)?;
    file.rewind().map_err(io)?;
    file.write_all(me.as_bytes()).map_err(io)?;
    file.flush().map_err(io)?;
    Ok(Lock { _file: file })
}

/// `YYYY-MM-DDTHH:MM:SSZ` (UTC).
pub fn utc_timestamp(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_civil_utc() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        assert_eq!(utc_timestamp(t), "2026-11-18T11:06:40Z");
        assert_eq!(
            utc_timestamp(SystemTime::UNIX_EPOCH),
            "1970-01-01T00:00:00Z"
        );
    }

    #[test]
    fn a_second_lock_waits_then_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("s.db");
        let first = acquire(&state, Duration::ZERO).unwrap();
        let err = acquire(&state, Duration::from_millis(100)).unwrap_err();
        let pid = format!("pid {}", std::process::id());
        assert!(err.to_string().contains(&pid), "{err}");
        drop(first);
        assert!(acquire(&state, Duration::ZERO).is_ok());
    }
}
