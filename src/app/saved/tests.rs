use super::*;

fn kept_aside(dir: &Path) -> Vec<PathBuf> {
    let mut k: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("reading.json.corrupt-"))
        .collect();
    k.sort();
    k
}

#[test]
fn two_corrupt_files_in_the_same_second_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE_NAME);
    for text in ["{first", "{second"] {
        std::fs::write(&file, text).unwrap();
        let (saved, problem) = SavedState::load(dir.path());
        let problem = problem.unwrap();
        assert!(
            problem.contains("is not valid") && problem.contains("kept as"),
            "{problem}"
        );
        assert!(saved.writable);
        saved.save().unwrap();
    }
    let mut texts: Vec<String> = kept_aside(dir.path())
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    assert_eq!(texts, ["{first", "{second"]);
}

#[test]
fn a_newer_file_is_left_exactly_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE_NAME);
    let newer = br#"{"version": 5, "positions": "a new shape"}"#;
    std::fs::write(&file, newer).unwrap();
    let (mut saved, problem) = SavedState::load(dir.path());
    let problem = problem.unwrap();
    assert!(
        problem.contains("written by a newer yuedu (schema 5)"),
        "{problem}"
    );
    assert!(saved.state.positions.is_empty());
    saved.state.text_width = Some(50);
    saved.save().unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), newer);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_failed_save_is_an_error_that_says_so_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut saved, _) = SavedState::load(dir.path());
    saved.state.text_width = Some(60);
    saved.save().unwrap();
    let before = std::fs::read(dir.path().join(FILE_NAME)).unwrap();
    saved.state.text_width = Some(70);
    let err = saved
        .save_with(|_, _| Err(std::io::Error::from_raw_os_error(28)))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "could not save reading positions to {}: No space left on device (os error 28)",
            dir.path().join(FILE_NAME).display()
        )
    );
    assert_eq!(std::fs::read(dir.path().join(FILE_NAME)).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_stays_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("real.json"), br#"{"version": 1}"#).unwrap();
    let link = dir.path().join(FILE_NAME);
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let (mut saved, problem) = SavedState::load(dir.path());
    assert_eq!(problem, None);
    saved.state.text_width = Some(42);
    saved.save().unwrap();
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let real = std::fs::read_to_string(dir.path().join("real.json")).unwrap();
    assert!(real.contains("\"text_width\": 42"), "{real}");
}

#[test]
fn progress_out_of_range_is_brought_within_it_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE_NAME);
    let text =
        r#"{"version": 1, "positions": {}, "progress": {"a": 42, "b": 250.5, "c": -3, "d": 7.9}}"#;
    std::fs::write(&file, text).unwrap();
    let (saved, problem) = SavedState::load(dir.path());
    assert_eq!(problem, None);
    let p = &saved.state.progress;
    assert_eq!((p["a"], p["b"], p["c"], p["d"]), (42, 100, 0, 7));
}
