//! Autosaves of attempts in progress, so that no answer is lost to a power
//! cut, a closed SSH window or a killed process.
//!
//! Each attempt in progress is one JSON file in a folder beside the results
//! file (`results/results.autosave/` for `results/results.csv`). A save
//! writes a temporary file, syncs it and renames it over the old one, so a
//! crash leaves either the previous save or the new one, never half of one.
//! While a process works on an attempt it holds a lock on the attempt's
//! `.lock` file, so that another member at the same server is not offered the
//! same attempt to resume; the system drops the lock when the process dies.
//!
//! Between two whole saves, changes go to the attempt's journal
//! (`<id>.journal`): one line of JSON per change, appended. Reading an
//! attempt reads its last whole save and applies the journal's lines in
//! order ([`Journaled`]); a line cut by a crash ends the journal. Appends
//! are not synced one by one: the [`Syncer`] syncs every journal written to
//! within the last half second at once, so many changes and many members
//! share one fsync.
//!
//! The journal's first line names the whole save it follows (a hash of its
//! bytes). A whole save does not touch the journal: the next change starts
//! a new one over it. So at every moment a kill can leave, the files are
//! read right: a new whole save beside the old journal ignores it (the
//! hash differs), a journal cut before its first change is empty, and no
//! journal at all is the whole save alone. Nothing is removed or renamed
//! but the whole save itself, which is replaced in one rename.
//!
//! The module is generic over what is saved; the quiz stores the engine's
//! snapshot of an attempt.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak, mpsc};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why an autosave could not be written, read or removed.
#[derive(Debug, thiserror::Error)]
pub enum AutosaveError {
    /// The system refused (disk full, permission denied, folder removed …).
    #[error("{path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// The attempt could not be encoded (should not happen).
    #[error("{path}: {source}")]
    Encode {
        /// The autosave file.
        path: PathBuf,
        /// What the encoder said.
        #[source]
        source: serde_json::Error,
    },
    /// Another process is working on this attempt right now.
    #[error("{id}: the attempt is open in another window")]
    InUse {
        /// The attempt's id.
        id: String,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> AutosaveError + '_ {
    move |source| AutosaveError::Io {
        path: path.to_owned(),
        source,
    }
}

/// How long a save waits for a program that has the autosave open without
/// sharing it (on Windows, an antivirus scanning the file just written).
pub const SHARE_WAIT: Duration = Duration::from_secs(1);

/// Renames `tmp` over `path`. Unix replaces a file whoever has it open;
/// Windows refuses while another program has `path` open without sharing
/// its deletion ("access denied", or a sharing violation), and such
/// programs let go within moments, so the rename is tried again for up to
/// [`SHARE_WAIT`]. After that the save fails as any other, and the last
/// good autosave is still there.
fn replace(tmp: &Path, path: &Path) -> io::Result<()> {
    let start = Instant::now();
    loop {
        match fs::rename(tmp, path) {
            Err(e)
                if cfg!(windows)
                    && (crate::platform::is_in_use(&e)
                        || e.kind() == io::ErrorKind::PermissionDenied)
                    && start.elapsed() < SHARE_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

/// The autosave folder of one results file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autosaves {
    dir: PathBuf,
}

/// One unfinished attempt found in the autosave folder.
#[derive(Debug)]
pub struct Found<T> {
    /// The attempt's id (the file name without `.json`).
    pub id: String,
    /// The autosave file.
    pub path: PathBuf,
    /// The saved attempt, or why it could not be read.
    pub saved: Result<T, String>,
    /// Whether another process holds the attempt now.
    pub in_use: bool,
}

/// What is saved whole now and then, and changed between by journal
/// records applied in order.
pub trait Journaled: DeserializeOwned {
    /// One change.
    type Record: DeserializeOwned;
    /// Applies one change.
    fn apply(&mut self, record: Self::Record);
}

/// Held while this process works on an attempt; dropping it releases the
/// attempt for others to resume.
#[derive(Debug)]
pub struct Claim {
    id: String,
    _lock: File,
    /// The journal, open for appending once a change was written.
    journal: Option<Arc<File>>,
    /// The hash of the last whole save, which the journal follows.
    base: Option<u64>,
    /// Set while the journal waits for the [`Syncer`].
    unsynced: Arc<AtomicBool>,
}

impl Claim {
    /// The claimed attempt's id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// Whether an attempt id is safe as a file name: letters, digits, `-`, `_`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Autosaves {
    /// The autosave folder that belongs to `results_file`.
    pub fn for_results(results_file: &Path) -> Autosaves {
        let stem = results_file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "results".into());
        let dir = results_file
            .parent()
            .unwrap_or(Path::new(""))
            .join(format!("{stem}.autosave"));
        Autosaves { dir }
    }

    /// The folder itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file(&self, id: &str, ext: &str) -> PathBuf {
        self.dir.join(format!("{id}.{ext}"))
    }

    fn invalid_id(&self, id: &str) -> AutosaveError {
        AutosaveError::Io {
            path: self.file(id, "json"),
            source: io::Error::new(io::ErrorKind::InvalidInput, "not a valid attempt id"),
        }
    }

    /// Claims an attempt for this process; fails with
    /// [`AutosaveError::InUse`] when another process holds it.
    pub fn claim(&self, id: &str) -> Result<Claim, AutosaveError> {
        if !valid_id(id) {
            return Err(self.invalid_id(id));
        }
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        let path = self.file(id, "lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_err(&path))?;
        match lock.try_lock() {
            Ok(()) => Ok(Claim {
                id: id.to_owned(),
                _lock: lock,
                journal: None,
                base: None,
                unsynced: Arc::new(AtomicBool::new(false)),
            }),
            Err(fs::TryLockError::WouldBlock) => Err(AutosaveError::InUse { id: id.to_owned() }),
            Err(fs::TryLockError::Error(e)) => Err(io_err(&path)(e)),
        }
    }

    /// Saves the attempt: temporary file, sync, rename, then sync of the
    /// folder, so that the save survives a power cut once this returns.
    ///
    /// If the folder was removed while the quiz ran, it is made again, and
    /// the claim is renewed on a new `.lock` file (the old one is gone with
    /// the folder, and another process could otherwise claim the attempt).
    pub fn save<T: Serialize>(&self, claim: &mut Claim, value: &T) -> Result<u64, AutosaveError> {
        let path = self.file(&claim.id, "json");
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir))?;
        if !self.file(&claim.id, "lock").exists() {
            *claim = self.claim(&claim.id)?;
        }
        let tmp = self.file(&claim.id, "json.tmp");
        let file = File::create(&tmp).map_err(io_err(&tmp))?;
        // Encoded straight into the file, hashed and counted on the way:
        // the save (139 KB at 1,000 questions) is never held in memory.
        let mut out = Hashed::new(io::BufWriter::with_capacity(WRITE_BUFFER, file));
        let written = match serde_json::to_writer_pretty(&mut out, value) {
            Ok(()) => out
                .out
                .into_inner()
                .map_err(io::IntoInnerError::into_error)
                .and_then(|file| file.sync_all())
                .map_err(io_err(&tmp)),
            Err(e) if e.is_io() => Err(io_err(&tmp)(e.into())),
            Err(source) => Err(AutosaveError::Encode {
                path: path.clone(),
                source,
            }),
        };
        let (bytes, base) = (out.bytes, out.hash);
        if let Err(e) = written.and_then(|()| replace(&tmp, &path).map_err(io_err(&path))) {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        // Make the rename itself durable; not every system allows this.
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        // The whole save holds every change: the next change starts a new
        // journal. The old one stays until then, ignored by readers (it
        // names the save before), so no moment lacks a readable state.
        claim.journal = None;
        claim.base = Some(base);
        Ok(bytes)
    }

    /// Appends one change to the attempt's journal, as one line in one
    /// write, and asks the [`Syncer`] to sync it within half a second
    /// unless `sync` is false (a change a power cut may take: the time used
    /// while nothing else changed; a killed process loses none, the write
    /// is done). Returns the bytes written.
    pub fn append<R: Serialize>(
        &self,
        claim: &mut Claim,
        record: &R,
        sync: bool,
    ) -> Result<u64, AutosaveError> {
        // The whole save is gone (the folder was removed): only a whole
        // save keeps the change.
        let whole = self.file(&claim.id, "json");
        if !whole.exists() {
            return Err(io_err(&whole)(io::ErrorKind::NotFound.into()));
        }
        let path = self.file(&claim.id, "journal");
        let mut line = serde_json::to_vec(record).map_err(|source| AutosaveError::Encode {
            path: path.clone(),
            source,
        })?;
        line.push(b'\n');
        let file = match (&claim.journal, claim.base) {
            (Some(f), _) => Arc::clone(f),
            (None, Some(base)) => {
                // A new journal over the old one; its header and first
                // change go in one write, so a kill leaves the file empty
                // (ignored) or with a header that names this save.
                let f = OpenOptions::new()
                    .create(true)
                    .truncate(true)
                    .write(true)
                    .open(&path)
                    .map_err(io_err(&path))?;
                let mut header = serde_json::to_vec(&Header { base }).map_err(|source| {
                    AutosaveError::Encode {
                        path: path.clone(),
                        source,
                    }
                })?;
                header.push(b'\n');
                line.splice(0..0, header);
                let f = Arc::new(f);
                claim.journal = Some(Arc::clone(&f));
                f
            }
            // No whole save by this claim yet: the journal would follow
            // nothing this process knows.
            (None, None) => return Err(io_err(&whole)(io::ErrorKind::NotFound.into())),
        };
        (&*file).write_all(&line).map_err(io_err(&path))?;
        if sync && !claim.unsynced.swap(true, Ordering::AcqRel) {
            Syncer::shared().sync(&file, Arc::clone(&claim.unsynced));
        }
        Ok(line.len() as u64)
    }

    /// Syncs the attempt's journal now (quit, hang-up): every change is on
    /// the disk when this returns.
    pub fn sync_journal(&self, claim: &Claim) -> Result<(), AutosaveError> {
        match &claim.journal {
            Some(f) => f
                .sync_data()
                .map_err(io_err(&self.file(&claim.id, "journal"))),
            None => Ok(()),
        }
    }

    /// Applies the journal of attempt `id` to its whole save `whole`, if
    /// the journal follows that save; a missing journal, or one that
    /// follows an older save, changes nothing.
    fn replay<T: Journaled>(&self, id: &str, whole: &[u8], value: &mut T) {
        let Ok(bytes) = fs::read(self.file(id, "journal")) else {
            return;
        };
        let mut lines = bytes.split(|&b| b == b'\n');
        let follows = lines
            .next()
            .and_then(|h| serde_json::from_slice::<Header>(h).ok())
            .is_some_and(|h| h.base == hash(whole));
        if !follows {
            return;
        }
        for line in lines {
            // A line cut by a crash (or nothing after the last newline)
            // ends the journal.
            match serde_json::from_slice::<T::Record>(line) {
                Ok(record) => value.apply(record),
                Err(_) => break,
            }
        }
    }

    /// Reads the claimed attempt's autosave. Changes can be journaled only
    /// after this claim's own whole save (a journal started over the one
    /// just read would drop its changes from the disk).
    pub fn load<T: Journaled>(&self, claim: &Claim) -> Result<T, AutosaveError> {
        let path = self.file(&claim.id, "json");
        let bytes = fs::read(&path).map_err(io_err(&path))?;
        let mut value: T = serde_json::from_slice(&bytes).map_err(|e| AutosaveError::Io {
            path,
            source: io::Error::new(io::ErrorKind::InvalidData, e),
        })?;
        self.replay(&claim.id, &bytes, &mut value);
        Ok(value)
    }

    /// Removes a finished attempt's autosave. Call only once its row is
    /// safely in the results file.
    pub fn remove(&self, mut claim: Claim) -> Result<(), AutosaveError> {
        // Windows deletes an open file only when its last handle closes:
        // let go of this claim's handle on the journal first.
        claim.journal = None;
        let path = self.file(&claim.id, "json");
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&path)(e)),
        }
        let _ = fs::remove_file(self.file(&claim.id, "journal"));
        let lock = self.file(&claim.id, "lock");
        drop(claim);
        let _ = fs::remove_file(lock);
        Ok(())
    }

    /// Whether a session (of this process or another) holds the attempt
    /// now. Only looks: no folder or lock file is created, and the test
    /// takes a shared lock for an instant, which other lookers do not
    /// block, rather than the claim itself.
    fn is_held(&self, id: &str) -> bool {
        let Ok(lock) = File::open(self.file(id, "lock")) else {
            // No lock file: nobody has claimed it since it was last removed.
            return false;
        };
        matches!(lock.try_lock_shared(), Err(fs::TryLockError::WouldBlock))
    }

    /// Lists the unfinished attempts, oldest file name first. Files that
    /// cannot be read are listed with the reason, never skipped silently.
    pub fn list<T: Journaled>(&self) -> Vec<Found<T>> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Found<T>> = entries
            .flatten()
            .filter_map(|entry| {
                let path = entry.path();
                let id = path
                    .file_name()?
                    .to_str()?
                    .strip_suffix(".json")?
                    .to_owned();
                if !valid_id(&id) {
                    return None;
                }
                let saved = fs::read(&path).map_err(|e| e.to_string()).and_then(|b| {
                    let mut value = serde_json::from_slice(&b).map_err(|e| e.to_string())?;
                    self.replay(&id, &b, &mut value);
                    Ok(value)
                });
                let in_use = self.is_held(&id);
                Some(Found {
                    id,
                    path,
                    saved,
                    in_use,
                })
            })
            .collect();
        found.sort_by(|a, b| a.id.cmp(&b.id));
        found
    }
}

/// A journal's first line: the whole save it follows.
#[derive(Serialize, serde::Deserialize)]
struct Header {
    /// [`hash`] of the whole save's bytes.
    base: u64,
}

/// FNV-1a of a whole save's bytes: tells one save from the next (not a
/// defence against forgery; the folder is the member's own).
fn hash(bytes: &[u8]) -> u64 {
    hash_on(FNV_START, bytes)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// [`hash`] of what came before (`h`) followed by `bytes`.
fn hash_on(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The buffer between the encoder and a whole save's file.
const WRITE_BUFFER: usize = 8 * 1024;

/// A writer that passes everything on, keeping its [`hash`] and its
/// length.
struct Hashed<W> {
    out: W,
    hash: u64,
    bytes: u64,
}

impl<W: Write> Hashed<W> {
    fn new(out: W) -> Hashed<W> {
        Hashed {
            out,
            hash: FNV_START,
            bytes: 0,
        }
    }
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        let done = buf.get(..n).unwrap_or(buf);
        self.hash = hash_on(self.hash, done);
        self.bytes += done.len() as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// How long a journal write waits for its sync: the most a power cut can
/// take of a member's changes (a killed process loses none: the write is
/// done).
pub const SYNC_WITHIN: Duration = Duration::from_millis(500);

/// One thread per process that syncs journals: it waits for a first
/// write, gathers every other write of the next [`SYNC_WITHIN`], and
/// syncs each journal once. The room server's sessions all share it.
///
/// It holds each journal weakly: an attempt removed (submitted) before its
/// turn needs no sync, and its file must close with its claim, since
/// Windows deletes an open file only when its last handle goes.
#[derive(Debug)]
pub struct Syncer {
    to_thread: Mutex<mpsc::Sender<(Weak<File>, Arc<AtomicBool>)>>,
}

impl Syncer {
    /// The process's syncer, started on first use.
    pub fn shared() -> &'static Syncer {
        static SHARED: OnceLock<Syncer> = OnceLock::new();
        SHARED.get_or_init(|| {
            let (tx, rx) = mpsc::channel::<(Weak<File>, Arc<AtomicBool>)>();
            let spawned = std::thread::Builder::new()
                .name("autosave-sync".to_owned())
                .spawn(move || {
                    while let Ok(first) = rx.recv() {
                        std::thread::sleep(SYNC_WITHIN);
                        let mut batch = vec![first];
                        batch.extend(rx.try_iter());
                        for (file, unsynced) in batch {
                            // Cleared first: a write after this sync asks
                            // for another.
                            unsynced.store(false, Ordering::Release);
                            if let Some(file) = file.upgrade() {
                                let _ = file.sync_data();
                            }
                        }
                    }
                });
            // Without the thread, journals are synced by the whole save at
            // the end instead: a killed process still loses nothing.
            drop(spawned);
            Syncer {
                to_thread: Mutex::new(tx),
            }
        })
    }

    fn sync(&self, file: &Arc<File>, unsynced: Arc<AtomicBool>) {
        if let Ok(tx) = self.to_thread.lock() {
            let _ = tx.send((Arc::downgrade(file), unsynced));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct Saved {
        answers: Vec<u8>,
    }

    impl Journaled for Saved {
        type Record = Vec<u8>;
        fn apply(&mut self, record: Vec<u8>) {
            self.answers = record;
        }
    }

    #[test]
    fn the_journal_is_applied_until_a_cut_line_and_started_again_after_a_whole_save() {
        let dir = tempfile::tempdir().unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        let mut claim = saves.claim("j1").unwrap();
        saves.save(&mut claim, &Saved { answers: vec![1] }).unwrap();
        saves.append(&mut claim, &vec![1u8, 2], true).unwrap();
        saves.append(&mut claim, &vec![1u8, 2, 3], true).unwrap();
        assert_eq!(saves.load::<Saved>(&claim).unwrap().answers, [1, 2, 3]);
        // A crash in the middle of a line: the lines before it count.
        let journal = dir.path().join("results.autosave").join("j1.journal");
        let mut f = OpenOptions::new().append(true).open(&journal).unwrap();
        f.write_all(b"[9,9").unwrap();
        drop(f);
        assert_eq!(
            saves.list::<Saved>()[0].saved,
            Ok(Saved {
                answers: vec![1, 2, 3]
            })
        );
        saves.sync_journal(&claim).unwrap();
        saves.save(&mut claim, &Saved { answers: vec![4] }).unwrap();
        // Killed here: the old journal is still there, and ignored.
        assert!(journal.exists());
        assert_eq!(saves.load::<Saved>(&claim).unwrap().answers, [4]);
        saves.append(&mut claim, &vec![4u8, 5], true).unwrap();
        assert_eq!(saves.load::<Saved>(&claim).unwrap().answers, [4, 5]);
        saves.remove(claim).unwrap();
        assert!(!journal.exists());
    }

    /// A whole save is encoded straight into its file: the bytes are
    /// serde_json's pretty encoding, the length returned is theirs, and a
    /// save larger than the write buffer is hashed whole (its journal is
    /// read after it, not ignored).
    #[test]
    fn a_whole_save_larger_than_its_buffer_is_written_counted_and_hashed_whole() {
        let dir = tempfile::tempdir().unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        let mut claim = saves.claim("big").unwrap();
        let big = Saved {
            answers: (0..=255).cycle().take(3 * WRITE_BUFFER).collect(),
        };
        let n = saves.save(&mut claim, &big).unwrap();
        let on_disk = fs::read(dir.path().join("results.autosave").join("big.json")).unwrap();
        assert_eq!(on_disk, serde_json::to_vec_pretty(&big).unwrap());
        assert_eq!(n, on_disk.len() as u64);
        assert!(on_disk.len() > 3 * WRITE_BUFFER);
        assert_eq!(claim.base, Some(hash(&on_disk)));
        saves.append(&mut claim, &vec![7u8], true).unwrap();
        assert_eq!(saves.load::<Saved>(&claim).unwrap().answers, [7]);
    }

    /// Every state of the files a kill can leave, in order, reads as the
    /// last whole save plus the changes that follow it, never as an older
    /// state and never as nothing.
    #[test]
    fn every_state_a_kill_can_leave_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        let folder = dir.path().join("results.autosave");
        let mut claim = saves.claim("k1").unwrap();
        // Before the first whole save: nothing to resume, and no journal
        // can be written (it would follow nothing).
        assert!(saves.list::<Saved>().is_empty());
        assert!(saves.append(&mut claim, &vec![9u8], true).is_err());
        saves.save(&mut claim, &Saved { answers: vec![1] }).unwrap();
        saves.append(&mut claim, &vec![1u8, 2], true).unwrap();
        let old_journal = fs::read(folder.join("k1.journal")).unwrap();
        // The journal outgrew the save: a new whole save, with a change
        // the journal never had.
        saves.save(&mut claim, &Saved { answers: vec![7] }).unwrap();
        let read = || saves.list::<Saved>().remove(0).saved.unwrap().answers;
        assert_eq!(read(), [7], "the old journal does not undo the new save");
        // A kill while the new journal is started: empty, then whole.
        fs::write(folder.join("k1.journal"), b"").unwrap();
        assert_eq!(read(), [7]);
        fs::remove_file(folder.join("k1.journal")).unwrap();
        assert_eq!(read(), [7], "no journal: the whole save alone");
        fs::write(folder.join("k1.journal"), &old_journal).unwrap();
        claim.journal = None;
        saves.append(&mut claim, &vec![7u8, 8], true).unwrap();
        assert_eq!(read(), [7, 8]);
        // A header cut by a kill.
        let full = fs::read(folder.join("k1.journal")).unwrap();
        fs::write(folder.join("k1.journal"), &full[..5]).unwrap();
        assert_eq!(read(), [7]);
        // A temporary whole save left by a kill is not an attempt.
        fs::write(folder.join("k1.json.tmp"), b"{\"answers\": [").unwrap();
        assert_eq!(saves.list::<Saved>().len(), 1);
    }

    #[test]
    fn folder_is_named_after_the_results_file() {
        let a = Autosaves::for_results(Path::new("results/results.csv"));
        assert_eq!(a.dir(), Path::new("results/results.autosave"));
        let b = Autosaves::for_results(Path::new("r.csv"));
        assert_eq!(b.dir(), Path::new("r.autosave"));
    }

    #[test]
    fn save_list_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        let mut claim = saves.claim("a1").unwrap();
        saves.save(&mut claim, &Saved { answers: vec![1] }).unwrap();
        saves
            .save(
                &mut claim,
                &Saved {
                    answers: vec![1, 2],
                },
            )
            .unwrap();
        let found = saves.list::<Saved>();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, "a1");
        assert_eq!(
            found[0].saved,
            Ok(Saved {
                answers: vec![1, 2]
            })
        );
        assert!(found[0].in_use, "this process holds the claim");
        saves.remove(claim).unwrap();
        assert!(saves.list::<Saved>().is_empty());
        assert_eq!(fs::read_dir(saves.dir()).unwrap().count(), 0);
    }

    #[test]
    fn a_released_attempt_can_be_claimed_again_and_a_held_one_cannot() {
        let dir = tempfile::tempdir().unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        let mut claim = saves.claim("a1").unwrap();
        assert!(matches!(
            saves.claim("a1"),
            Err(AutosaveError::InUse { .. })
        ));
        saves.save(&mut claim, &Saved { answers: vec![] }).unwrap();
        drop(claim);
        let found = saves.list::<Saved>();
        assert!(!found[0].in_use);
        assert!(saves.claim("a1").is_ok());
    }

    #[test]
    fn listing_only_looks() {
        let dir = tempfile::tempdir().unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        let mut claim = saves.claim("a5").unwrap();
        saves.save(&mut claim, &Saved { answers: vec![5] }).unwrap();
        drop(claim);
        fs::remove_file(saves.dir().join("a5.lock")).unwrap();
        let found = saves.list::<Saved>();
        assert!(!found[0].in_use);
        assert!(
            !saves.dir().join("a5.lock").exists(),
            "listing creates no lock file"
        );
        // Two listers at once both see a held attempt as held.
        let held = saves.claim("a5").unwrap();
        assert!(saves.list::<Saved>()[0].in_use);
        assert!(saves.list::<Saved>()[0].in_use);
        drop(held);
        assert!(saves.claim("a5").is_ok());
    }

    #[test]
    fn a_damaged_autosave_is_listed_with_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        fs::create_dir_all(saves.dir()).unwrap();
        fs::write(saves.dir().join("a2.json"), b"{\"answers\": [1,").unwrap();
        fs::write(saves.dir().join("not an id!.json"), b"{}").unwrap();
        let found = saves.list::<Saved>();
        assert_eq!(found.len(), 1);
        assert!(found[0].saved.as_ref().unwrap_err().contains("EOF"));
    }

    // Windows does not remove a folder while a file in it is open (the
    // claim's lock), so this cannot happen there.
    #[cfg(unix)]
    #[test]
    fn saving_recreates_a_removed_folder() {
        let dir = tempfile::tempdir().unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        let mut claim = saves.claim("a3").unwrap();
        fs::remove_dir_all(saves.dir()).unwrap();
        saves.save(&mut claim, &Saved { answers: vec![3] }).unwrap();
        assert_eq!(saves.list::<Saved>().len(), 1);
        // The renewed claim holds the new lock file.
        assert!(matches!(
            saves.claim("a3"),
            Err(AutosaveError::InUse { .. })
        ));
        assert_eq!(
            saves.load::<Saved>(&claim).unwrap(),
            Saved { answers: vec![3] }
        );
    }

    #[test]
    fn a_save_that_cannot_be_written_says_where() {
        let dir = tempfile::tempdir().unwrap();
        // A plain file where the folder should be.
        fs::write(dir.path().join("results.autosave"), b"").unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        let err = saves.claim("a4").unwrap_err();
        assert!(err.to_string().contains("results.autosave"), "{err}");
    }

    #[test]
    fn ids_that_are_not_file_names_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let saves = Autosaves::for_results(&dir.path().join("results.csv"));
        assert!(saves.claim("../x").is_err());
        assert!(saves.claim("").is_err());
    }
}
