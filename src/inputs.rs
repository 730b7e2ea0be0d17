//! Where the inputs come from and where outputs may go.
//!
//! - Path lists: `-` as a path reads more paths from standard input, and
//!   `--files-from FILE` from a file (`-` again for standard input); one per
//!   line, or NUL-separated with `-0`/`--null` (the convention of `find
//!   -print0`, `fd -0` and `xargs -0`). A list is read once however often `-`
//!   is named; empty entries are ignored; every other byte is kept (names are
//!   bytes, so a name with a trailing space or `\r` stays that name).
//! - Inputs are read-only: an output (`-o FILE`, `normalize --out DIR`) may not
//!   be an input, lie inside an input folder, or (for a folder) contain one.
//!   Paths are compared canonically (symbolic links and `..` resolved), so
//!   `-o ./raw/../raw/x.json` or a link into the corpus is caught as well.

use std::collections::BTreeSet;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The name that means standard input (for path lists) or output (for `-o`).
pub const STDIO: &str = "-";

/// Is `path` the bare `-`?
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

/// Split a path list into paths: by newline, or by NUL when `nul`.
pub fn parse_list(bytes: &[u8], nul: bool) -> Vec<PathBuf> {
    let sep = if nul { b'\0' } else { b'\n' };
    bytes
        .split(|&b| b == sep)
        .filter(|entry| !entry.is_empty())
        .map(path_from_bytes)
        .collect()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// The inputs of a run: every path, and which of them came from a list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Named paths and listed ones, in the order given.
    pub paths: Vec<PathBuf>,
    /// The paths read from a list (`-`, `--files-from`). A listed file that
    /// does not exist is skipped (`not_found`) instead of stopping the run:
    /// a file may vanish between `find` and the run, a named one is a typo.
    pub listed: BTreeSet<PathBuf>,
}

/// The inputs of a run: `paths` with each `-` replaced by the list on `stdin`,
/// plus the list in `files_from` (a file, or `-` for `stdin`). Standard input
/// is read at most once.
pub fn expand(
    paths: &[PathBuf],
    files_from: Option<&Path>,
    nul: bool,
    stdin: &mut dyn Read,
) -> Result<Inputs, Error> {
    let mut listed: Vec<PathBuf> = Vec::new();
    let mut out = Vec::with_capacity(paths.len());
    let mut stdin_read = false;
    let mut read_stdin = |out: &mut Vec<PathBuf>, listed: &mut Vec<PathBuf>| -> Result<(), Error> {
        if !stdin_read {
            stdin_read = true;
            let mut bytes = Vec::new();
            stdin
                .read_to_end(&mut bytes)
                .map_err(|source| Error::MissingPath {
                    path: PathBuf::from("<standard input>"),
                    source,
                })?;
            let list = parse_list(&bytes, nul);
            out.extend(list.iter().cloned());
            listed.extend(list);
        }
        Ok(())
    };
    for path in paths {
        if is_stdio(path) {
            read_stdin(&mut out, &mut listed)?;
        } else {
            out.push(path.clone());
        }
    }
    match files_from {
        Some(list) if is_stdio(list) => read_stdin(&mut out, &mut listed)?,
        Some(list) => {
            let bytes = std::fs::read(list).map_err(|source| Error::MissingPath {
                path: list.to_path_buf(),
                source,
            })?;
            let list = parse_list(&bytes, nul);
            out.extend(list.iter().cloned());
            listed.extend(list);
        }
        None => {}
    }
    // A path both named and listed was named: it must exist.
    let named: BTreeSet<&PathBuf> = paths.iter().filter(|p| !is_stdio(p)).collect();
    let listed = listed.into_iter().filter(|p| !named.contains(p)).collect();
    Ok(Inputs { paths: out, listed })
}

/// Refuse an output file that is an input or lies inside an input folder
/// (whatever its extension: a later run with other `--ext` would read it).
/// `output` is where the bytes will land: a symbolic link is followed.
pub fn check_output_file(output: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let target = absolute(&follow_links(output));
    for input in inputs {
        let Ok(input_abs) = std::fs::canonicalize(input) else {
            continue; // a missing input is reported by the walk
        };
        if target.starts_with(&input_abs) {
            let what = if target == input_abs {
                "is the input"
            } else {
                "is inside the input folder"
            };
            return Err(Error::InvalidParameter(format!(
                "output '{}' {what} '{}': inputs are read-only, write the output elsewhere",
                output.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// Refuse an output folder that is an input folder, lies inside one, or
/// contains one (its files would land on the input's files).
pub fn check_output_dir(out: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let out_abs = absolute(out);
    for input in inputs {
        let Ok(input_abs) = std::fs::canonicalize(input) else {
            continue;
        };
        if out_abs.starts_with(&input_abs) || input_abs.starts_with(&out_abs) {
            return Err(Error::InvalidParameter(format!(
                "output folder '{}' overlaps the input '{}': inputs are read-only, \
                 write the output elsewhere",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// Follow `path` while it is a symbolic link (at most 40 hops, as the kernel).
pub fn follow_links(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&p) {
                Ok(link) if link.is_absolute() => p = link,
                Ok(link) => p = parent(&p).join(link),
                Err(_) => break,
            },
            _ => break,
        }
    }
    p
}

/// The folder `path` is in (`.` for a bare name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// `path` made absolute and canonical as far as it exists; the part that does
/// not exist yet is appended with `.` and `..` resolved by name (it will be
/// created as plain folders, so that is where it will be).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let mut missing = Vec::new();
    let mut base = path;
    loop {
        match base.parent() {
            Some(parent) => {
                if let Some(name) = base.components().next_back() {
                    missing.push(name);
                }
                base = parent;
                let probe = if base.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    base
                };
                if let Ok(found) = std::fs::canonicalize(probe) {
                    let mut p = found;
                    for c in missing.iter().rev() {
                        match c {
                            Component::ParentDir => {
                                p.pop();
                            }
                            Component::CurDir => {}
                            other => p.push(other),
                        }
                    }
                    return p;
                }
            }
            None => return path.to_path_buf(),
        }
    }
}

/// Standard input as a reader (for [`expand`]).
pub fn stdin() -> impl Read {
    io::stdin().lock()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_by_newline_or_nul_and_keep_bytes() {
        assert_eq!(
            parse_list(b"a.txt\n\nb c.txt \nd\r\n", false),
            vec![
                PathBuf::from("a.txt"),
                PathBuf::from("b c.txt "),
                PathBuf::from("d\r")
            ]
        );
        assert_eq!(
            parse_list(b"a\nb.txt\0c.txt\0", true),
            vec![PathBuf::from("a\nb.txt"), PathBuf::from("c.txt")]
        );
    }

    #[test]
    fn stdin_is_read_once() {
        let mut stdin: &[u8] = b"x.txt\ny.txt\n";
        let paths = [PathBuf::from("-"), PathBuf::from("z"), PathBuf::from("-")];
        let got = expand(&paths, Some(Path::new("-")), false, &mut stdin).unwrap();
        assert_eq!(
            got.paths,
            vec![
                PathBuf::from("x.txt"),
                PathBuf::from("y.txt"),
                PathBuf::from("z")
            ]
        );
        let listed: Vec<_> = got.listed.into_iter().collect();
        assert_eq!(listed, vec![PathBuf::from("x.txt"), PathBuf::from("y.txt")]);
    }

    #[test]
    fn outputs_inside_inputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let raw = dir.path().join("raw");
        std::fs::create_dir(&raw).unwrap();
        std::fs::write(raw.join("a.txt"), "a").unwrap();
        let inputs = [raw.clone()];
        assert!(check_output_dir(&raw, &inputs).is_err());
        assert!(check_output_dir(&raw.join("clean/deeper"), &inputs).is_err());
        assert!(check_output_dir(&raw.join("../raw/x"), &inputs).is_err());
        assert!(check_output_dir(dir.path(), &inputs).is_err());
        assert!(check_output_dir(&dir.path().join("clean"), &inputs).is_ok());
        assert!(check_output_file(&raw.join("a.txt"), &inputs).is_err());
        assert!(check_output_file(&raw.join("new/x.json"), &inputs).is_err());
        assert!(check_output_file(&dir.path().join("x.json"), &inputs).is_ok());
        assert!(check_output_file(&raw.join("a.txt"), &[raw.join("a.txt")]).is_err());
    }
}
