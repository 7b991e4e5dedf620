//! The bookmarks file loader: any bytes on disk must load, or be moved aside
//! intact and reported; never a panic, never a lost byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("bookmarks.json");
    std::fs::write(&file, data).expect("write");
    match yuedu::bookmarks::BookmarkStore::open(dir.path()) {
        Ok((store, warnings)) => {
            if warnings.is_empty() {
                // Loaded: the file is as it was.
                assert_eq!(std::fs::read(&file).expect("read"), data);
                let _ = store.list().len();
            } else {
                // Set aside: some file in the folder holds the original bytes.
                let kept = std::fs::read_dir(dir.path())
                    .expect("list")
                    .filter_map(Result::ok)
                    .any(|e| std::fs::read(e.path()).is_ok_and(|b| b == data));
                assert!(kept, "the original bytes were lost");
            }
        }
        Err(_) => assert_eq!(std::fs::read(&file).expect("read"), data),
    }
});
