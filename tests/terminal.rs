//! The TUI in a real pseudo-terminal: signals (SIGTERM, SIGHUP), Ctrl-C with
//! a note typed, Ctrl-Z and continuing, a paste, and a save that fails at
//! quit. Each checks the exit status, that the terminal was given back (the
//! restore sequences and cooked mode) and what is left in the data dir.
//! Waits are for output or files, with a generous deadline, never a sleep.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ARTICLE: &str = "001_7a0a5d70e8cb94b2";
const DEADLINE: Duration = Duration::from_secs(120);

/// Sequences the terminal must have been sent on the way out.
const RESTORE: [(&str, &str); 4] = [
    ("\x1b[?1049l", "leave the alternate screen"),
    ("\x1b[?25h", "show the cursor"),
    ("\x1b[?1000l", "mouse reporting off"),
    ("\x1b[?2004l", "bracketed paste off"),
];

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    /// Tells the thread that reads the output to let go of the terminal.
    stop_reading: Arc<AtomicBool>,
    reading: Option<std::thread::JoinHandle<()>>,
}

impl Tui {
    fn start(data: &Path, args: &[&str]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_yuedu"));
        cmd.arg("--data-dir");
        cmd.arg(data);
        // An empty config of its own: none of the user's settings, and a
        // `--config` that names no file is an error.
        let config = data.join("empty-config.toml");
        std::fs::write(&config, "").unwrap();
        cmd.arg("--config");
        cmd.arg(config);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        // Non-blocking, so the reading thread can be told to let go (to
        // hang the terminal up, every handle on it must be closed).
        let fd = pair.master.as_raw_fd().unwrap();
        // SAFETY: fcntl on a descriptor this test owns.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            assert!(libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) >= 0);
        }
        let output = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let (sink, stop) = (Arc::clone(&output), Arc::clone(&stop_reading));
        let reading = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
        });
        let tui = Tui {
            child,
            master: pair.master,
            writer,
            output,
            stop_reading,
            reading: Some(reading),
        };
        // Up and drawn: bracketed paste is turned on after the first setup.
        tui.wait_for_output(0, "\x1b[?2004h");
        tui
    }

    fn len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// The output from byte `from` on, as text.
    fn output_from(&self, from: usize) -> String {
        let out = self.output.lock().unwrap();
        String::from_utf8_lossy(&out[from.min(out.len())..]).into_owned()
    }

    /// Waits until the output after byte `from` holds `what`: a control
    /// sequence as it is, text as it is drawn (with the cursor movements
    /// between characters left out).
    fn wait_for_output(&self, from: usize, what: &str) {
        let start = Instant::now();
        let found = |out: &str| {
            if what.starts_with('\x1b') {
                out.contains(what)
            } else {
                without_sequences(out).contains(what)
            }
        };
        while !found(&self.output_from(from)) {
            assert!(
                start.elapsed() < DEADLINE,
                "waited for {what:?}; output: {:?}",
                self.output_from(from)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        // The terminal is non-blocking: a long write goes in as it is read.
        let mut rest = bytes.as_bytes();
        let start = Instant::now();
        while !rest.is_empty() {
            match self.writer.write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    assert!(start.elapsed() < DEADLINE, "input never read");
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => panic!("{e}"),
            }
        }
        let _ = self.writer.flush();
    }

    /// Closes the terminal, as closing its window does, and waits for the
    /// exit status.
    fn hang_up(mut self) -> u32 {
        self.stop_reading.store(true, Ordering::Relaxed);
        if let Some(t) = self.reading.take() {
            t.join().unwrap();
        }
        let Tui {
            mut child,
            master,
            writer,
            ..
        } = self;
        drop(writer);
        drop(master);
        exit_code(&mut *child)
    }

    /// Sends keys and waits until the screen has answered with `shown`.
    fn send_and_wait(&mut self, bytes: &str, shown: &str) {
        let from = self.len();
        self.send(bytes);
        self.wait_for_output(from, shown);
    }

    /// Waits until the process is stopped (state `T` in /proc).
    fn wait_until_stopped(&self) {
        let stat = format!("/proc/{}/stat", self.child.process_id().unwrap());
        let start = Instant::now();
        loop {
            let s = std::fs::read_to_string(&stat).unwrap_or_default();
            // pid (name) STATE ...: the state follows the name's ')'.
            let state = s.rsplit_once(')').map(|(_, r)| r.trim_start());
            if state.is_some_and(|r| r.starts_with('T')) {
                return;
            }
            assert!(start.elapsed() < DEADLINE, "never stopped: {s}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap().to_string();
        let ok = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{name}");
    }

    /// Waits for the exit status (the process exits on its own: the tests
    /// only ever end it with a key or a catchable signal).
    fn wait(&mut self) -> u32 {
        exit_code(&mut *self.child)
    }

    /// Checks the restore sequences came after byte `from`, and that the
    /// terminal is in cooked mode again.
    fn assert_restored(&self, from: usize) {
        // The reader thread may still be taking the last bytes in.
        self.wait_for_output(from, "\x1b[?1049l");
        let out = self.output_from(from);
        for (seq, what) in RESTORE {
            assert!(out.contains(seq), "{what} ({seq:?}) missing from {out:?}");
        }
        let termios = format!("{:?}", self.master.get_termios());
        let flags: Vec<&str> = termios
            .split(|c: char| !c.is_ascii_alphanumeric())
            .collect();
        for flag in ["ICANON", "ECHO", "ISIG"] {
            assert!(flags.contains(&flag), "{flag} not set again: {termios}");
        }
    }
}

/// The exit status of a child that must end by itself within the deadline
/// (one that does not is killed, and the test fails).
fn exit_code(child: &mut (dyn Child + Send + Sync)) -> u32 {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.signal(), None, "killed by a signal");
            return status.exit_code();
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Terminal output without its control sequences: the text drawn.
fn without_sequences(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        match chars.next() {
            // CSI: parameters, then one final byte in @..~.
            Some('[') => {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            // OSC: up to BEL or ESC \.
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\x07' || (c == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn wait_for_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(path) {
            return s;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{} never written",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens the article at paragraph 7, opens the note prompt and types a note.
fn note_typed(data: &Path, note: &str) -> Tui {
    let mut tui = Tui::start(data, &["open", ARTICLE, "--paragraph", "7"]);
    tui.send_and_wait("m", "note: ");
    tui.send_and_wait(note, note);
    tui
}

fn drafts(data: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(data.join("drafts.json")).unwrap()).unwrap()
}

#[test]
fn sigterm_restores_the_terminal_keeps_the_note_and_exits_143() {
    let d = tempfile::tempdir().unwrap();
    let mut tui = note_typed(d.path(), "写到一半的笔记");
    let from = tui.len();
    tui.signal("TERM");
    assert_eq!(tui.wait(), 143);
    tui.assert_restored(from);
    let drafts = drafts(d.path());
    assert_eq!(drafts["version"], 1);
    let draft = &drafts["drafts"][0];
    assert_eq!(draft["note"], "写到一半的笔记");
    assert_eq!(draft["article"], ARTICLE);
    assert!(!d.path().join("bookmarks.json").exists());
    let reading: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("reading.json")).unwrap())
            .unwrap();
    assert!(reading["positions"][ARTICLE].is_object(), "{reading}");
}

#[test]
fn sighup_saves_the_reading_position_and_exits_129() {
    let d = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(d.path(), &["open", ARTICLE, "--paragraph", "5"]);
    let from = tui.len();
    tui.signal("HUP");
    assert_eq!(tui.wait(), 129);
    tui.assert_restored(from);
    let reading = std::fs::read_to_string(d.path().join("reading.json")).unwrap();
    assert!(reading.contains(ARTICLE), "{reading}");
}

#[test]
fn a_closed_terminal_keeps_the_position_and_the_note_and_exits_129() {
    let d = tempfile::tempdir().unwrap();
    let mut tui = note_typed(d.path(), "窗口关了");
    tui.send("\x1b[D");
    assert_eq!(tui.hang_up(), 129);
    assert_eq!(drafts(d.path())["drafts"][0]["note"], "窗口关了");
    let reading = std::fs::read_to_string(d.path().join("reading.json")).unwrap();
    assert!(reading.contains(ARTICLE), "{reading}");
}

#[test]
fn ctrl_c_in_the_note_prompt_quits_and_keeps_the_note() {
    let d = tempfile::tempdir().unwrap();
    let mut tui = note_typed(d.path(), "按了Ctrl-C");
    let from = tui.len();
    tui.send("\x03");
    assert_eq!(tui.wait(), 0);
    tui.assert_restored(from);
    assert_eq!(drafts(d.path())["drafts"][0]["note"], "按了Ctrl-C");
}

#[test]
fn the_reading_position_is_saved_while_reading() {
    let d = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(d.path(), &["open", ARTICLE]);
    tui.send("  ");
    let reading = wait_for_file(&d.path().join("reading.json"));
    assert!(reading.contains(ARTICLE), "{reading}");
    // Still running: it was saved without leaving the reader.
    assert!(tui.child.try_wait().unwrap().is_none());
    tui.send("qq");
    assert_eq!(tui.wait(), 0);
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_continuing_redraws() {
    let d = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(d.path(), &["open", ARTICLE]);
    let from = tui.len();
    tui.send("\x1a");
    tui.assert_restored(from);
    tui.wait_until_stopped();
    let from = tui.len();
    tui.signal("CONT");
    // Set up again: the alternate screen, then the whole screen drawn.
    tui.wait_for_output(from, "\x1b[?1049h");
    tui.wait_for_output(from, "\x1b[?2004h");
    // One word: the spaces of a line over blank cells are not written again.
    tui.send_and_wait("?", "Everywhere");
    let from = tui.len();
    tui.send("\x03");
    assert_eq!(tui.wait(), 0);
    tui.assert_restored(from);
}

#[test]
fn a_paste_goes_into_the_prompt_at_once() {
    let d = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(d.path(), &["open", ARTICLE, "--paragraph", "3"]);
    tui.send_and_wait("m", "note: ");
    // 100 KB, with line breaks and an escape sequence in it.
    let line = "一段贴进来的很长的文字\n".repeat(3000) + "\x1b[2J末尾";
    tui.send_and_wait(&format!("\x1b[200~{line}\x1b[201~"), "末尾");
    tui.send("\r");
    let from = tui.len();
    tui.send("\x03");
    assert_eq!(tui.wait(), 0);
    tui.assert_restored(from);
    let bookmarks = std::fs::read_to_string(d.path().join("bookmarks.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&bookmarks).unwrap();
    let note = v["bookmarks"][0]["note"].as_str().unwrap();
    assert!(
        note.starts_with("一段贴进来的很长的文字 一段"),
        "{}",
        &note[..60]
    );
    assert!(note.ends_with("[2J末尾"));
    assert!(!note.contains(['\n', '\x1b']));
    assert_eq!(note.chars().count(), 3000 * 12 + 5);
}

#[test]
fn a_reading_position_that_cannot_be_saved_at_quit_is_said_and_exits_1() {
    let d = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(d.path(), &["open", ARTICLE]);
    // The state file's place is taken by a folder while the reader runs.
    std::fs::create_dir_all(d.path().join("reading.json/in-the-way")).unwrap();
    tui.send("  ");
    let from = tui.len();
    tui.send("\x03");
    assert_eq!(tui.wait(), 1);
    tui.assert_restored(from);
    let out = tui.output_from(from);
    let after = &out[out.rfind("\x1b[?1049l").unwrap()..];
    assert!(
        after.contains("yuedu: the reading position was not saved"),
        "{after:?}"
    );
}

#[test]
fn a_note_that_cannot_be_kept_at_quit_is_said_and_exits_1() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("drafts.json/in-the-way")).unwrap();
    let mut tui = note_typed(d.path(), "存不下");
    let from = tui.len();
    tui.send("\x03");
    assert_eq!(tui.wait(), 1);
    tui.assert_restored(from);
    let out = tui.output_from(from);
    let after = &out[out.rfind("\x1b[?1049l").unwrap()..];
    assert!(
        after.contains("yuedu: a typed note was not kept"),
        "{after:?}"
    );
    assert!(after.contains("drafts.json"), "{after:?}");
}
