//! Who has the database file open, and whether it is still the file at
//! its path.
//!
//! Every store holds a shared `flock` on the file for as long as it is
//! open; `init --force` (and `demo --force`) takes an exclusive one on the
//! old file for the moment it renames the new file over it, so a console
//! or a command that opened the file while the new one was being built
//! stops the swap instead of saving into a file nobody will see again.
//! (`flock` locks are separate from the POSIX locks SQLite takes, so the
//! two do not disturb each other.) A store that opens the file while a
//! swap is under way waits for it and opens the new file.
//!
//! A store also remembers the file's device and inode: when the file at
//! the path is another one (replaced by hand, restored from a backup, or
//! by an older bayu that did not take the lock), writes are refused and
//! the console says so, rather than saving into a file that is gone.

use std::fs::File;
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long an open waits for a swap under way to finish.
const SWAP_WAIT: Duration = Duration::from_secs(5);
/// How long a swap waits for a command that has the file open to finish.
const USER_WAIT: Duration = Duration::from_millis(500);
const RETRY: Duration = Duration::from_millis(10);

/// A file's identity on its filesystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    dev: u64,
    ino: u64,
}

#[cfg(unix)]
fn identity_of(meta: &std::fs::Metadata) -> Identity {
    use std::os::unix::fs::MetadataExt;
    Identity {
        dev: meta.dev(),
        ino: meta.ino(),
    }
}

#[cfg(not(unix))]
fn identity_of(_meta: &std::fs::Metadata) -> Identity {
    Identity { dev: 0, ino: 0 }
}

/// The identity of the file at `path` now, if there is one.
pub fn identity(path: &Path) -> Option<Identity> {
    std::fs::metadata(path).ok().map(|m| identity_of(&m))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Shared,
    Exclusive,
}

/// Tries the lock once; `Ok(false)` when someone else holds a conflicting one.
#[cfg(unix)]
fn try_lock(file: &File, kind: Kind) -> io::Result<bool> {
    use std::os::fd::AsRawFd;
    let op = match kind {
        Kind::Shared => libc::LOCK_SH,
        Kind::Exclusive => libc::LOCK_EX,
    } | libc::LOCK_NB;
    loop {
        // SAFETY: flock on a descriptor the caller keeps open.
        if unsafe { libc::flock(file.as_raw_fd(), op) } == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EWOULDBLOCK) => return Ok(false),
            Some(libc::EINTR) => continue,
            _ => return Err(e),
        }
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &File, _kind: Kind) -> io::Result<bool> {
    Ok(true)
}

/// Takes the lock, trying again until `wait` has passed.
fn lock(file: &File, kind: Kind, wait: Duration) -> io::Result<bool> {
    let deadline = Instant::now() + wait;
    loop {
        if try_lock(file, kind)? {
            return Ok(true);
        }
        if Instant::now() >= deadline {
            return Ok(false);
        }
        std::thread::sleep(RETRY);
    }
}

/// What a store holds while it is open: a shared lock on its file, and
/// the file's identity.
#[derive(Debug)]
pub struct Hold {
    _file: Option<File>,
    identity: Option<Identity>,
}

/// Why a shared hold could not be had.
#[derive(Debug)]
pub enum HoldError {
    /// A swap held the file longer than [`SWAP_WAIT`].
    Busy,
    Io(io::Error),
}

impl Hold {
    /// Opens `path` and takes a shared lock on the file that is at `path`
    /// once the lock is held (a swap may have put another one there
    /// meanwhile: then the new file is locked instead). A file that cannot
    /// be opened at all is left for the caller to report: the hold is then
    /// empty and never says the file was replaced.
    pub fn shared(path: &Path) -> Result<Hold, HoldError> {
        let deadline = Instant::now() + SWAP_WAIT;
        loop {
            let Ok(file) = File::open(path) else {
                return Ok(Hold {
                    _file: None,
                    identity: None,
                });
            };
            let left = deadline.saturating_duration_since(Instant::now());
            if !lock(&file, Kind::Shared, left).map_err(HoldError::Io)? {
                return Err(HoldError::Busy);
            }
            let mine = file
                .metadata()
                .map_err(HoldError::Io)
                .map(|m| identity_of(&m))?;
            if identity(path) == Some(mine) {
                return Ok(Hold {
                    _file: Some(file),
                    identity: Some(mine),
                });
            }
            // Swapped while we waited: lock the file that is there now.
            if Instant::now() >= deadline {
                return Err(HoldError::Busy);
            }
        }
    }

    /// A hold on nothing, for a file being built (nobody else knows it).
    pub fn none() -> Hold {
        Hold {
            _file: None,
            identity: None,
        }
    }

    /// Whether the file at `path` is no longer the one this hold opened.
    pub fn replaced(&self, path: &Path) -> bool {
        match self.identity {
            Some(mine) => identity(path) != Some(mine),
            None => false,
        }
    }
}

/// The exclusive lock for the moment of a swap.
#[derive(Debug)]
pub enum Exclusive {
    /// Held until the file is dropped.
    Held(File),
    /// There is no file at the path: nothing to guard.
    NoFile,
    /// Another bayu has it open (holds a shared lock) and did not let go
    /// within half a second.
    InUse,
}

/// Takes the exclusive lock on the file at `path`.
pub fn exclusive(path: &Path) -> io::Result<Exclusive> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Exclusive::NoFile),
        Err(e) => return Err(e),
    };
    Ok(if lock(&file, Kind::Exclusive, USER_WAIT)? {
        Exclusive::Held(file)
    } else {
        Exclusive::InUse
    })
}
