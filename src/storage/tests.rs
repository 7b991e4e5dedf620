use std::io::{self, Write};
use std::path::Path;

use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    n.sort();
    n
}

#[test]
fn replaces_the_file_and_leaves_no_temporary_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/state.json");
    write_atomic(&path, b"one").unwrap();
    write_atomic(&path, b"two").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"two");
    assert_eq!(names(path.parent().unwrap()), ["state.json"]);
}

#[test]
fn a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    write_atomic(&path, b"the old contents").unwrap();
    let err = write_atomic_with(&path, |f| {
        f.write_all(b"the new")?;
        Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
    })
    .unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    assert_eq!(std::fs::read(&path).unwrap(), b"the old contents");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_written_through_its_link() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::write(dir.path().join("real/state.json"), b"old").unwrap();
    let link = dir.path().join("state.json");
    symlink("real/state.json", &link).unwrap();
    write_atomic(&link, b"new").unwrap();
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(
        std::fs::read(dir.path().join("real/state.json")).unwrap(),
        b"new"
    );
    assert_eq!(names(&dir.path().join("real")), ["state.json"]);
    // A link to a file not there yet makes the file.
    let dangling = dir.path().join("other.json");
    symlink("real/other.json", &dangling).unwrap();
    write_atomic(&dangling, b"made").unwrap();
    assert!(
        dangling
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read(dir.path().join("real/other.json")).unwrap(),
        b"made"
    );
    // A loop is an error, and nothing is written.
    symlink("loop-b", dir.path().join("loop-a")).unwrap();
    symlink("loop-a", dir.path().join("loop-b")).unwrap();
    let err = write_atomic(&dir.path().join("loop-a"), b"x").unwrap_err();
    assert!(err.to_string().contains("symbolic links"), "{err}");
}

#[test]
fn the_old_permissions_are_kept() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.md");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
}

#[cfg(unix)]
#[test]
fn a_fifo_state_file_is_an_error_at_once_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    mkfifo(&path);
    let err = read_state(&path).unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
    let err = write_atomic(&path, b"x").unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
    assert!(
        std::fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_eq!(read_state(&dir.path().join("none.json")).unwrap(), None);
}

#[cfg(unix)]
#[test]
fn an_export_onto_a_fifo_or_a_link_to_one_is_written_in_place() {
    use std::os::unix::fs::{FileTypeExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let link = dir.path().join("link");
    symlink(&fifo, &link).unwrap();
    for (target, text) in [(&fifo, "to the fifo"), (&link, "through the link")] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_output(target, text.as_bytes()).unwrap();
        assert_eq!(reader.join().unwrap(), text.as_bytes());
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names(dir.path()), ["link", "pipe"]);
    // A regular file behind a link is replaced atomically; the link stays.
    let file = dir.path().join("notes.md");
    std::fs::write(&file, b"old").unwrap();
    let to_file = dir.path().join("to-notes");
    symlink("notes.md", &to_file).unwrap();
    write_output(&to_file, b"new").unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), b"new");
    assert!(
        std::fs::symlink_metadata(&to_file)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let err = write_output(dir.path(), b"x").unwrap_err();
    assert!(err.to_string().contains("folder"), "{err}");
}

#[test]
fn reads_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    let err = read_limited(file, 4095).unwrap_err();
    assert!(err.to_string().contains("larger than"), "{err}");
    let file = std::fs::File::open(&path).unwrap();
    assert_eq!(read_limited(file, 4096).unwrap().len(), 4096);
}

#[test]
fn a_newer_schema_is_seen_whatever_else_the_file_holds() {
    assert_eq!(newer_schema(br#"{"version": 2, "x": [1]}"#, 1), Some(2));
    assert_eq!(newer_schema(br#"{"version": 1}"#, 1), None);
    assert_eq!(newer_schema(br#"{"version": "2"}"#, 1), None);
    assert_eq!(newer_schema(b"not json", 1), None);
    assert_eq!(
        newer_schema(br#"{"version": 99999999999}"#, 1),
        Some(99_999_999_999)
    );
}
