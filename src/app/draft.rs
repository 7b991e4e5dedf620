//! Notes typed but not yet saved. When the reader quits (Ctrl-C) or is ended
//! by a signal with the note prompt open, the note is kept as a draft in the
//! data dir (`drafts.json`, JSON with a schema version, written atomically),
//! keyed by the article and passage it was for, or by the bookmark whose
//! note was being edited. The next `m` there (or `e` on that bookmark)
//! offers it; saving it, or cancelling the prompt with Esc, clears it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::App;
use super::marks::NoteTarget;
use crate::model::Passage;

pub const FILE_NAME: &str = "drafts.json";
const VERSION: u32 = 1;

/// What a draft is the note of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "for")]
pub enum DraftTarget {
    /// A bookmark to be made. Paragraphs are counted from 1, as the reader
    /// shows them; byte offsets from 0.
    Passage {
        article: String,
        paragraph: usize,
        end_paragraph: usize,
        start: usize,
        end: usize,
    },
    /// The note of a bookmark that exists.
    Bookmark { id: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(flatten)]
    pub target: DraftTarget,
    pub note: String,
    /// RFC 3339.
    #[serde(default)]
    pub kept: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct DraftFile {
    version: u32,
    #[serde(default)]
    drafts: Vec<Draft>,
}

/// The drafts and where they go; `changed` says they differ from the file.
#[derive(Debug, Clone, Default)]
pub struct Drafts {
    path: Option<PathBuf>,
    drafts: Vec<Draft>,
    /// False when the file on disk could not be understood: it is left as
    /// it is for the user to look at.
    writable: bool,
    changed: bool,
}

impl Drafts {
    /// Loads the drafts of a data dir; the problem, if any, is returned for
    /// the status line.
    pub fn load(dir: &Path) -> (Drafts, Option<String>) {
        let path = dir.join(FILE_NAME);
        let mut drafts = Drafts {
            path: Some(path.clone()),
            writable: true,
            ..Drafts::default()
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (drafts, None),
            Err(e) => {
                drafts.writable = false;
                let m = format!("cannot read {} ({e}); notes left unsaved", path.display());
                return (drafts, Some(m));
            }
        };
        let problem = match serde_json::from_slice::<DraftFile>(&bytes) {
            Ok(f) if f.version <= VERSION => {
                drafts.drafts = f.drafts;
                return (drafts, None);
            }
            Ok(f) => format!(
                "{} is from a newer yuedu (version {})",
                path.display(),
                f.version
            ),
            Err(e) => format!("{} is corrupt ({e})", path.display()),
        };
        drafts.writable = false;
        (drafts, Some(format!("{problem}; left as it is")))
    }

    pub fn list(&self) -> &[Draft] {
        &self.drafts
    }

    /// Whether there are drafts not yet written to the file.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// Keeps a note as the draft of its target (replacing an older one).
    pub fn keep(&mut self, target: DraftTarget, note: &str) {
        self.drafts.retain(|d| d.target != target);
        self.drafts.push(Draft {
            target,
            note: note.to_string(),
            kept: crate::bookmarks::now(),
        });
        self.changed = true;
    }

    /// Forgets the draft of a target, if there is one.
    pub fn discard(&mut self, target: &DraftTarget) {
        let before = self.drafts.len();
        self.drafts.retain(|d| d.target != *target);
        self.changed |= self.drafts.len() != before;
    }

    /// The draft for a passage of an article: the one for that very passage,
    /// else (unless `exact`, as for a selection) one for a passage that
    /// starts in the same paragraph (the reader reopens on a whole
    /// paragraph; the note may have been for a sentence of it).
    pub fn for_passage(&self, article: &str, passage: &Passage, exact: bool) -> Option<&Draft> {
        let same = DraftTarget::of_passage(article, passage);
        let found = self.drafts.iter().find(|d| d.target == same);
        if exact {
            return found;
        }
        found.or_else(|| {
            self.drafts.iter().find(|d| {
                matches!(&d.target, DraftTarget::Passage { article: a, paragraph, .. }
                    if a == article && paragraph.checked_sub(1) == Some(passage.first))
            })
        })
    }

    /// Writes the drafts (removing the file when none are left), if they
    /// changed and the file may be written.
    pub fn save(&mut self) -> anyhow::Result<()> {
        let (Some(path), true, true) = (&self.path, self.writable, self.changed) else {
            return Ok(());
        };
        if self.drafts.is_empty() {
            match std::fs::remove_file(path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(anyhow::anyhow!("{}: {e}", path.display())),
            }
        } else {
            let file = DraftFile {
                version: VERSION,
                drafts: self.drafts.clone(),
            };
            let json = serde_json::to_vec_pretty(&file)?;
            crate::storage::write_atomic(path, &json)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        }
        self.changed = false;
        Ok(())
    }

    /// Whether drafts that changed cannot be written (the file could not
    /// be read at start): they would be lost at exit.
    pub fn unwritable_changes(&self) -> Option<&Path> {
        (self.changed && !self.writable)
            .then_some(self.path.as_deref())
            .flatten()
    }
}

impl DraftTarget {
    pub fn of_passage(article: &str, p: &Passage) -> DraftTarget {
        DraftTarget::Passage {
            article: article.to_string(),
            paragraph: p.first.saturating_add(1),
            end_paragraph: p.last.saturating_add(1),
            start: p.start,
            end: p.end,
        }
    }

    /// The passage, if it still lies within the article as it now is.
    pub fn passage_in(&self, article: &crate::model::Article) -> Option<Passage> {
        let DraftTarget::Passage {
            paragraph,
            end_paragraph,
            start,
            end,
            ..
        } = self
        else {
            return None;
        };
        let (first, last) = (paragraph.checked_sub(1)?, end_paragraph.checked_sub(1)?);
        let a = &article.paragraphs.get(first)?.text;
        let b = &article.paragraphs.get(last)?.text;
        let fits = first <= last
            && a.is_char_boundary(*start)
            && b.is_char_boundary(*end)
            && (first < last || start < end);
        fits.then_some(Passage {
            first,
            last,
            start: *start,
            end: *end,
        })
    }
}

impl App {
    /// What a note prompt's draft is keyed by.
    pub(super) fn draft_target(&self, target: &NoteTarget) -> Option<DraftTarget> {
        Some(match target {
            NoteTarget::New { article, passage } => {
                DraftTarget::of_passage(&self.library.articles.get(*article)?.id, passage)
            }
            NoteTarget::Edit { id } => DraftTarget::Bookmark { id: id.clone() },
        })
    }

    /// Keeps a note being typed (the note prompt open, with text in it) as
    /// a draft: on quitting, and when a signal ends the reader.
    pub fn keep_typed_note(&mut self) {
        let typed: Vec<(DraftTarget, String)> = self
            .overlays
            .iter()
            .filter_map(|o| match o {
                super::Overlay::NotePrompt { target, input } if !input.text().is_empty() => {
                    Some((self.draft_target(target)?, input.text().to_string()))
                }
                _ => None,
            })
            .collect();
        for (target, note) in typed {
            self.drafts.keep(target, &note);
        }
    }

    /// Forgets the draft of a prompt cancelled or saved on purpose.
    pub(super) fn discard_draft(&mut self, target: &NoteTarget) {
        if let Some(t) = self.draft_target(target) {
            self.drafts.discard(&t);
        }
    }

    /// Notes the open article's reading position in the reading state;
    /// true when it changed (and so wants saving).
    pub fn note_reading_position(&mut self) -> bool {
        let super::View::Reader(r) = self.view() else {
            return false;
        };
        let Some(a) = self.library.articles.get(r.article) else {
            return false;
        };
        let pos = r.position();
        if self.saved.state.positions.get(&a.id) == Some(&pos) {
            return false;
        }
        let id = a.id.clone();
        self.saved.state.positions.insert(id, pos);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(first: usize, start: usize, end: usize) -> Passage {
        Passage {
            first,
            last: first,
            start,
            end,
        }
    }

    #[test]
    fn a_draft_survives_a_restart_and_is_found_by_its_paragraph() {
        let dir = tempfile::tempdir().unwrap();
        let (mut d, problem) = Drafts::load(dir.path());
        assert_eq!(problem, None);
        d.keep(DraftTarget::of_passage("a", &passage(3, 9, 30)), "半句话");
        d.save().unwrap();
        let (d, _) = Drafts::load(dir.path());
        assert_eq!(d.list().len(), 1);
        let found = d.for_passage("a", &passage(3, 0, 60), false).unwrap();
        assert_eq!(found.note, "半句话");
        assert!(d.for_passage("a", &passage(3, 0, 60), true).is_none());
        assert!(d.for_passage("a", &passage(3, 9, 30), true).is_some());
        assert!(d.for_passage("a", &passage(4, 0, 60), false).is_none());
        assert!(d.for_passage("b", &passage(3, 9, 30), false).is_none());
    }

    #[test]
    fn the_last_draft_discarded_removes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let (mut d, _) = Drafts::load(dir.path());
        let t = DraftTarget::Bookmark { id: "x".into() };
        d.keep(t.clone(), "n");
        d.save().unwrap();
        assert!(dir.path().join(FILE_NAME).exists());
        d.discard(&t);
        d.save().unwrap();
        assert!(!dir.path().join(FILE_NAME).exists());
    }

    #[test]
    fn a_corrupt_or_newer_file_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for bytes in [&b"{ not json"[..], br#"{"version": 99, "drafts": []}"#] {
            std::fs::write(&path, bytes).unwrap();
            let (mut d, problem) = Drafts::load(dir.path());
            assert!(problem.unwrap().contains("left as it is"));
            d.keep(DraftTarget::Bookmark { id: "x".into() }, "n");
            d.save().unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
            assert_eq!(d.unwritable_changes(), Some(path.as_path()));
        }
    }
}
