//! The temporary files of atomic writes, `.yuedu-PID-XXXXXX.tmp`, and
//! removing those that killed writers left behind: a file whose writer's
//! process is gone, or that is older than any write takes. A live writer's
//! file is never touched.

use std::path::Path;
use std::time::{Duration, SystemTime};

pub const SUFFIX: &str = ".tmp";
const PREFIX: &str = ".yuedu-";

/// Older than this, a temporary is stale whoever wrote it (its writer's
/// process id may have been taken by another program since).
const STALE_AFTER: Duration = Duration::from_secs(60 * 60);
/// Older than this, a temporary whose name has no writer (an earlier
/// yuedu's) is stale.
const UNNAMED_STALE_AFTER: Duration = Duration::from_secs(60);

/// The start of this process's temporaries' names.
pub fn prefix() -> String {
    format!("{PREFIX}{}-", std::process::id())
}

/// The process id in a temporary's name, `None` if it has none.
fn writer(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (pid, _) = rest.split_once('-')?;
    pid.parse().ok()
}

/// Whether process `pid` is running (a zombie, killed but not yet waited
/// for, is not).
fn running(pid: u32) -> bool {
    if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        let state = stat
            .rsplit_once(')')
            .and_then(|(_, s)| s.trim_start().chars().next());
        return !matches!(state, Some('Z' | 'X'));
    }
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        // Signal 0 only asks: EPERM means it runs under another user.
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Removes the stale temporaries in `dir`. Best effort: what cannot be
/// read or removed is left.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    let me = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !name.starts_with(PREFIX) || !name.ends_with(SUFFIX) {
            continue;
        }
        // Regular files only: never a link or a folder of that name.
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.file_type().is_file() {
            continue;
        }
        let age = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or_default();
        let stale = match writer(name) {
            Some(pid) if pid == me => false,
            Some(pid) => age > STALE_AFTER || !running(pid),
            None => age > UNNAMED_STALE_AFTER,
        };
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_is_read_from_the_name() {
        assert_eq!(writer(".yuedu-4242-a1B2c3.tmp"), Some(4242));
        assert_eq!(writer(".yuedu-a1B2c3.tmp"), None);
        assert_eq!(writer(".yuedu-4242-a1B2c3.json"), None);
        assert!(running(std::process::id()));
    }

    #[test]
    fn only_stale_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let mut running_writer = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let live = running_writer.id();
        let me = std::process::id();
        let write = |name: &str, age: Duration| {
            let f = std::fs::File::create(dir.path().join(name)).unwrap();
            f.set_modified(SystemTime::now() - age).unwrap();
        };
        write(&format!(".yuedu-{gone}-dead01.tmp"), Duration::ZERO);
        write(&format!(".yuedu-{live}-live01.tmp"), Duration::ZERO);
        write(&format!(".yuedu-{me}-mine01.tmp"), Duration::ZERO);
        write(".yuedu-old001.tmp", Duration::from_secs(600));
        write(".yuedu-new001.tmp", Duration::ZERO);
        write("notes.tmp", Duration::from_secs(600));
        remove_stale(dir.path());
        running_writer.kill().unwrap();
        running_writer.wait().unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut expected = vec![
            format!(".yuedu-{live}-live01.tmp"),
            format!(".yuedu-{me}-mine01.tmp"),
            ".yuedu-new001.tmp".to_string(),
            "notes.tmp".to_string(),
        ];
        expected.sort();
        assert_eq!(left, expected);
    }
}
