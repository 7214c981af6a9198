//! Noticing that a trainer saved a bank or roster, for `preview` and
//! `check --watch`, by looking at the files' size and modification time a
//! few times a second.
//!
//! Polling rather than the system's change notifications (the `notify`
//! crate), because it must work where trainers keep banks:
//! - on Windows network shares, where change notifications depend on the
//!   server and are dropped when the share reconnects;
//! - with editors that save by writing a new file and renaming it over the
//!   old one (vim, many Windows editors): a watch on the old file is lost,
//!   while a new look at the path sees the new file.
//!
//! A look costs one `stat` per file (plus a directory listing for a
//! folder); the board polls the results file the same way.
//!
//! The logic ([`Watch`]) is pure: it is given each look and the time, so
//! tests drive it without sleeping. [`look`] is the only part that touches
//! the disk.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How often the files are looked at. A save shows after at most two looks
/// (one to see it, one to see it has settled): well under a second.
pub const POLL: Duration = Duration::from_millis(250);

/// How long after a change the files' contents are compared too. Some
/// disks keep modification times in 2-second steps (FAT on a USB stick),
/// so two saves of the same size within one step look the same by size
/// and time alone; comparing contents for a while after each change
/// catches the second one. Outside that window a look is only a `stat`.
pub const CONTENT_WINDOW: Duration = Duration::from_secs(3);

/// What one look saw of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub len: u64,
    /// Last modification, when the system gives one.
    pub modified: Option<SystemTime>,
    /// A hash of the contents, when the look compared contents.
    pub digest: Option<u64>,
}

impl Stamp {
    /// Whether two looks saw the same file: same size and time, and same
    /// contents when both looks read them.
    fn same(&self, other: &Stamp) -> bool {
        self.len == other.len
            && self.modified == other.modified
            && match (self.digest, other.digest) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

/// One look at the watched files: each file found, and its stamp (`None`
/// when it is missing or cannot be read).
pub type Seen = BTreeMap<PathBuf, Option<Stamp>>;

fn same_file(a: Option<&Option<Stamp>>, b: Option<&Option<Stamp>>) -> bool {
    match (a, b) {
        (Some(Some(a)), Some(Some(b))) => a.same(b),
        (Some(None), Some(None)) | (None, None) => true,
        _ => false,
    }
}

/// The files whose stamp differs between two looks, or that only one of
/// them has.
fn differences(a: &Seen, b: &Seen) -> Vec<PathBuf> {
    let mut paths: Vec<&PathBuf> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| !same_file(a.get(*p), b.get(*p)))
        .cloned()
        .collect()
}

/// Decides, from successive looks, when files were saved.
///
/// A change is reported once two looks in a row agree, so a file caught
/// half-written, or missing for the moment an editor renames the new copy
/// over it, is not reported until it has settled.
#[derive(Debug, Clone)]
pub struct Watch {
    /// What the last report (or the start) saw.
    reported: Seen,
    /// The look before this one.
    previous: Seen,
    /// Until when looks compare contents.
    content_until: Instant,
}

impl Watch {
    /// Starts from the files as `seen` at `now` (the versions loaded).
    pub fn new(seen: Seen, now: Instant) -> Watch {
        Watch {
            reported: seen.clone(),
            previous: seen,
            content_until: now + CONTENT_WINDOW,
        }
    }

    /// Whether the next look should compare contents (see
    /// [`CONTENT_WINDOW`]).
    pub fn wants_content(&self, now: Instant) -> bool {
        now < self.content_until
    }

    /// Takes one look made at `now`; returns the files saved, added or
    /// removed since the last report, once the look agrees with the one
    /// before it. Empty when nothing changed or it has not settled yet.
    pub fn observe(&mut self, seen: Seen, now: Instant) -> Vec<PathBuf> {
        let settled = differences(&self.previous, &seen).is_empty();
        if !settled {
            self.content_until = now + CONTENT_WINDOW;
        }
        let changed = if settled {
            differences(&self.reported, &seen)
        } else {
            Vec::new()
        };
        if !changed.is_empty() {
            self.reported = seen.clone();
            self.content_until = now + CONTENT_WINDOW;
        }
        self.previous = seen;
        changed
    }
}

/// Looks at `paths` now: a file is stamped as it is (missing: `None`); a
/// folder stands for its `.yaml`/`.yml` files, found afresh each time so
/// that a new bank is seen. With `content`, each file is read and hashed.
pub fn look(paths: &[PathBuf], content: bool) -> Seen {
    let mut seen = Seen::new();
    for path in paths {
        if path.is_dir() {
            // An unreadable folder looks empty; its files then count as
            // removed, and the next readable look brings them back.
            for file in crate::bank::yaml_files(path).unwrap_or_default() {
                let stamp = stamp(&file, content);
                seen.insert(file, stamp);
            }
        } else {
            seen.insert(path.clone(), stamp(path, content));
        }
    }
    seen
}

/// The stamp of one file, or `None` when it is missing or unreadable.
pub fn stamp(path: &Path, content: bool) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let digest = if content {
        let bytes = std::fs::read(path).ok()?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Some(h.finish())
    } else {
        None
    };
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        digest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> Option<SystemTime> {
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
    }

    fn file(len: u64, modified: u64, digest: Option<u64>) -> Option<Stamp> {
        Some(Stamp {
            len,
            modified: at(modified),
            digest,
        })
    }

    fn seen(files: &[(&str, Option<Stamp>)]) -> Seen {
        files.iter().map(|(p, s)| (PathBuf::from(p), *s)).collect()
    }

    #[test]
    fn a_save_is_reported_once_it_has_settled() {
        let t0 = Instant::now();
        let tick = |n: u32| t0 + POLL * n;
        let start = seen(&[("a.yaml", file(100, 10, None))]);
        let mut w = Watch::new(start.clone(), t0);
        assert!(w.observe(start.clone(), tick(1)).is_empty());
        let saved = seen(&[("a.yaml", file(104, 12, None))]);
        // Seen once: it may be half-written.
        assert!(w.observe(saved.clone(), tick(2)).is_empty());
        assert_eq!(w.observe(saved.clone(), tick(3)), [PathBuf::from("a.yaml")]);
        // Reported once only.
        assert!(w.observe(saved, tick(4)).is_empty());
    }

    #[test]
    fn a_file_missing_for_a_moment_while_an_editor_renames_is_one_change() {
        let t0 = Instant::now();
        let tick = |n: u32| t0 + POLL * n;
        let start = seen(&[("a.yaml", file(100, 10, None))]);
        let mut w = Watch::new(start, t0);
        // vim: the old file is renamed away, the new one written in its place.
        assert!(w.observe(seen(&[("a.yaml", None)]), tick(1)).is_empty());
        let saved = seen(&[("a.yaml", file(100, 11, None))]);
        assert!(w.observe(saved.clone(), tick(2)).is_empty());
        assert_eq!(w.observe(saved, tick(3)), [PathBuf::from("a.yaml")]);
    }

    #[test]
    fn a_file_that_stays_missing_is_reported() {
        let t0 = Instant::now();
        let mut w = Watch::new(seen(&[("a.yaml", file(100, 10, None))]), t0);
        let gone = seen(&[("a.yaml", None)]);
        assert!(w.observe(gone.clone(), t0 + POLL).is_empty());
        assert_eq!(w.observe(gone, t0 + POLL * 2), [PathBuf::from("a.yaml")]);
    }

    #[test]
    fn new_and_removed_files_of_a_folder_are_changes() {
        let t0 = Instant::now();
        let mut w = Watch::new(seen(&[("d/a.yaml", file(1, 1, None))]), t0);
        let later = seen(&[("d/b.yaml", file(1, 1, None))]);
        w.observe(later.clone(), t0 + POLL);
        assert_eq!(
            w.observe(later, t0 + POLL * 2),
            [PathBuf::from("d/a.yaml"), PathBuf::from("d/b.yaml")]
        );
    }

    #[test]
    fn same_size_and_time_but_new_contents_is_a_change_within_the_window() {
        // A disk with 2-second times: the key changed from B to C, same
        // size, same time; only the contents tell.
        let t0 = Instant::now();
        let mut w = Watch::new(seen(&[("a.yaml", file(100, 10, Some(1)))]), t0);
        assert!(w.wants_content(t0 + POLL));
        let saved = seen(&[("a.yaml", file(100, 10, Some(2)))]);
        assert!(w.observe(saved.clone(), t0 + POLL).is_empty());
        assert_eq!(w.observe(saved, t0 + POLL * 2), [PathBuf::from("a.yaml")]);
    }

    #[test]
    fn contents_are_compared_only_for_a_while_after_a_change() {
        let t0 = Instant::now();
        let mut w = Watch::new(seen(&[("a.yaml", file(100, 10, Some(1)))]), t0);
        assert!(w.wants_content(t0));
        assert!(!w.wants_content(t0 + CONTENT_WINDOW));
        // A look without contents agrees with one with them.
        let plain = seen(&[("a.yaml", file(100, 10, None))]);
        let late = t0 + CONTENT_WINDOW + POLL;
        assert!(w.observe(plain.clone(), late).is_empty());
        assert!(!w.wants_content(late));
        // A change opens the window again.
        let saved = seen(&[("a.yaml", file(90, 20, None))]);
        w.observe(saved.clone(), late + POLL);
        assert!(w.wants_content(late + POLL * 2));
        assert_eq!(w.observe(saved, late + POLL * 2).len(), 1);
    }

    #[test]
    fn look_sees_the_files_of_a_folder_and_a_rename_over_a_file() {
        let dir = tempfile::tempdir().expect("dir");
        let bank = dir.path().join("a.yaml");
        std::fs::write(&bank, "title: A\n").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "x").expect("write");
        let folder = look(&[dir.path().to_path_buf()], true);
        assert_eq!(folder.keys().collect::<Vec<_>>(), [&bank]);
        let before = look(std::slice::from_ref(&bank), true);
        // Written elsewhere and renamed over it, as vim and Notepad++ do:
        // same size, and possibly the same second.
        let tmp = dir.path().join(".a.yaml.swp");
        std::fs::write(&tmp, "title: B\n").expect("write");
        std::fs::rename(&tmp, &bank).expect("rename");
        let after = look(std::slice::from_ref(&bank), true);
        assert_eq!(differences(&before, &after), std::slice::from_ref(&bank));
        let missing = look(&[dir.path().join("none.yaml")], false);
        assert_eq!(missing.values().collect::<Vec<_>>(), [&None]);
    }
}
