//! User and group names behind the numbers the filesystem stores, and the
//! groups this process belongs to: what a sentence about permissions needs
//! to say "owner alice, group bayu" instead of "uid 1001".

#[cfg(unix)]
mod unix {
    use std::ffi::{CStr, CString};

    /// Calls a `get*_r` function with a growing buffer; `None` when there is
    /// no such entry.
    fn lookup<T>(
        mut call: impl FnMut(&mut [libc::c_char]) -> (libc::c_int, Option<T>),
    ) -> Option<T> {
        let mut size = 1024;
        loop {
            let mut buf = vec![0 as libc::c_char; size];
            let (rc, found) = call(&mut buf);
            if rc == libc::ERANGE && size < 1 << 20 {
                size *= 4;
                continue;
            }
            return found;
        }
    }

    fn text(p: *const libc::c_char) -> String {
        // SAFETY: the pointer comes from a passwd or group entry filled in
        // by libc in our buffer and is NUL-terminated.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }

    pub fn user_name(uid: u32) -> Option<String> {
        lookup(|buf| {
            let mut pw = std::mem::MaybeUninit::<libc::passwd>::zeroed();
            let mut out: *mut libc::passwd = std::ptr::null_mut();
            // SAFETY: every pointer is valid for the call; `buf` outlives it.
            let rc = unsafe {
                libc::getpwuid_r(uid, pw.as_mut_ptr(), buf.as_mut_ptr(), buf.len(), &mut out)
            };
            // SAFETY: `out` is null or points to `pw`, filled by libc.
            let name = (!out.is_null()).then(|| text(unsafe { (*out).pw_name }));
            (rc, name)
        })
    }

    pub fn group_name(gid: u32) -> Option<String> {
        lookup(|buf| {
            let mut gr = std::mem::MaybeUninit::<libc::group>::zeroed();
            let mut out: *mut libc::group = std::ptr::null_mut();
            // SAFETY: as in `user_name`.
            let rc = unsafe {
                libc::getgrgid_r(gid, gr.as_mut_ptr(), buf.as_mut_ptr(), buf.len(), &mut out)
            };
            // SAFETY: `out` is null or points to `gr`, filled by libc.
            let name = (!out.is_null()).then(|| text(unsafe { (*out).gr_name }));
            (rc, name)
        })
    }

    pub fn group_id(name: &str) -> Option<u32> {
        let c = CString::new(name).ok()?;
        lookup(|buf| {
            let mut gr = std::mem::MaybeUninit::<libc::group>::zeroed();
            let mut out: *mut libc::group = std::ptr::null_mut();
            // SAFETY: as in `user_name`; `c` is NUL-terminated.
            let rc = unsafe {
                libc::getgrnam_r(
                    c.as_ptr(),
                    gr.as_mut_ptr(),
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut out,
                )
            };
            // SAFETY: `out` is null or points to `gr`, filled by libc.
            let gid = (!out.is_null()).then(|| unsafe { (*out).gr_gid });
            (rc, gid)
        })
    }

    pub fn uid() -> u32 {
        // SAFETY: getuid cannot fail.
        unsafe { libc::getuid() }
    }

    /// Whether this process has the group, as its primary or a
    /// supplementary group.
    pub fn in_group(gid: u32) -> bool {
        // SAFETY: getgid cannot fail.
        if unsafe { libc::getgid() } == gid {
            return true;
        }
        // SAFETY: with 0 and null, getgroups only returns the count.
        let n = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
        if n <= 0 {
            return false;
        }
        let mut groups = vec![0 as libc::gid_t; n as usize];
        // SAFETY: `groups` holds `n` entries.
        let n = unsafe { libc::getgroups(n, groups.as_mut_ptr()) };
        n > 0 && groups[..n as usize].contains(&gid)
    }
}

#[cfg(unix)]
pub use unix::{group_id, group_name, in_group, uid, user_name};

/// A user's name, or its number when it has none.
#[cfg(unix)]
pub fn user_label(uid: u32) -> String {
    user_name(uid).unwrap_or_else(|| uid.to_string())
}

/// A group's name, or its number when it has none.
#[cfg(unix)]
pub fn group_label(gid: u32) -> String {
    group_name(gid).unwrap_or_else(|| gid.to_string())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn root_and_its_group_have_names() {
        assert_eq!(user_name(0).as_deref(), Some("root"));
        let root_group = group_name(0).unwrap();
        assert_eq!(group_id(&root_group), Some(0));
        assert_eq!(group_id("无此组-bayu"), None);
        assert_eq!(user_label(4_000_000_001), "4000000001");
    }
}
