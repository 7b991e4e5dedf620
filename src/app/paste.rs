//! A paste (bracketed paste: the terminal sends it as one event) goes into
//! the prompt on top, all at once; with no prompt open it is ignored rather
//! than taken as a storm of keys.

use super::{App, Effect, Overlay};

impl App {
    pub fn handle_paste(&mut self, text: &str) -> Vec<Effect> {
        match self.overlays.last_mut() {
            Some(Overlay::NotePrompt { input, .. } | Overlay::SearchPrompt { input, .. }) => {
                input.insert_str(text);
            }
            Some(Overlay::FilterPrompt) => {
                self.lib.filter.insert_str(text);
                self.lib.refilter(&self.library, self.taxonomy);
            }
            Some(Overlay::Help { .. } | Overlay::Contents { .. }) | None => {}
        }
        Vec::new()
    }
}
