//! What a key can ask for, named by what it does (never by key), so the
//! keymap, the help overlay and the config file all speak the same names.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    // everywhere
    Help,
    Back,
    Cancel,
    Quit,
    Suspend,
    // lists
    Down,
    Up,
    Top,
    Bottom,
    /// With a count: the item or paragraph that far through, in percent.
    GoToPercent,
    Open,
    Expand,
    Collapse,
    // library
    NextPane,
    PreviousPane,
    ShowRegions,
    ShowProgrammes,
    ShowSources,
    ShowDates,
    Filter,
    UnreadOnly,
    Sort,
    ClearFacets,
    ToggleChart,
    SwitchChart,
    // reader
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    NextParagraph,
    PreviousParagraph,
    NextSentence,
    PreviousSentence,
    NextArticle,
    PreviousArticle,
    Contents,
    Wider,
    Narrower,
    // search
    Search,
    NextMatch,
    PreviousMatch,
    ToggleOrder,
    // passages and bookmarks
    Select,
    Bookmark,
    Bookmarks,
    EditNote,
    Delete,
    Undo,
    Export,
    Copy,
    // prompts
    Submit,
    DeleteBack,
    DeleteWord,
    DeleteToStart,
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    HistoryPrevious,
    HistoryNext,
}

impl Action {
    /// The action a keymap entry names (`next_paragraph`).
    pub fn from_name(name: &str) -> Option<Action> {
        Action::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name))
            .ok()
    }

    /// What the help overlay says the action does.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Help => "this help",
            Action::Back => "back (quit from the library)",
            Action::Cancel => "cancel: close, clear the selection or filter",
            Action::Quit => "quit",
            Action::Suspend => "suspend to the shell (fg resumes)",
            Action::Down => "move down (5j: five)",
            Action::Up => "move up",
            Action::Top => "first",
            Action::Bottom => "last (20G: number 20)",
            Action::GoToPercent => "50%: half way",
            Action::Open => "open / choose as filter",
            Action::Expand => "expand",
            Action::Collapse => "collapse / go to parent",
            Action::NextPane => "next pane",
            Action::PreviousPane => "previous pane",
            Action::ShowRegions => "region tree",
            Action::ShowProgrammes => "programme tree",
            Action::ShowSources => "source tree",
            Action::ShowDates => "date tree (years, months)",
            Action::Filter => "filter the list (characters or pinyin)",
            Action::UnreadOnly => "only unread articles / all",
            Action::Sort => "sort: date/title/source/progress",
            Action::ClearFacets => "clear every filter",
            Action::ToggleChart => "show / hide the chart",
            Action::SwitchChart => "chart by province / by year",
            Action::ScrollDown => "scroll down",
            Action::ScrollUp => "scroll up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfPageDown => "half page down",
            Action::HalfPageUp => "half page up",
            Action::NextParagraph => "next paragraph",
            Action::PreviousParagraph => "previous paragraph",
            Action::NextSentence => "next sentence",
            Action::PreviousSentence => "previous sentence",
            Action::NextArticle => "next article of the list",
            Action::PreviousArticle => "previous article of the list",
            Action::Contents => "contents: the headings",
            Action::Wider => "wider text column",
            Action::Narrower => "narrower text column",
            Action::Search => "search (article; library)",
            Action::NextMatch => "next match",
            Action::PreviousMatch => "previous match",
            Action::ToggleOrder => "results by relevance / in library order",
            Action::Select => "select: start / stop",
            Action::Bookmark => "bookmark passage + note",
            Action::Bookmarks => "bookmarks",
            Action::EditNote => "edit the note",
            Action::Delete => "delete",
            Action::Undo => "undo the last delete",
            Action::Export => "export as Markdown",
            Action::Copy => "copy the passage (with title and source)",
            Action::Submit => "done (save, search, jump)",
            Action::DeleteBack => "delete a character",
            Action::DeleteWord => "delete a word",
            Action::DeleteToStart => "delete to the start",
            Action::CursorLeft => "cursor left",
            Action::CursorRight => "cursor right",
            Action::LineStart => "to the start",
            Action::LineEnd => "to the end",
            Action::HistoryPrevious => "earlier entry",
            Action::HistoryNext => "later entry",
        }
    }
}
