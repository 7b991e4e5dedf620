//! The config loader: any text gives a config and a list of problems, never
//! a panic; the keymap built from it always works.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let (config, _problems) = yuedu::config::Config::parse(src, "config.toml");
    let (_keymap, _problems) = yuedu::app::keymap::Keymap::with_overrides(&config.keys, "config.toml");
});
