//! Computes, at build time, the Traditional→Simplified table search folds
//! with: fast2s's conversion of every 3-byte character on its own, kept as
//! (from, to) pairs of the characters it changes, so a start of the program
//! does not pay for the conversion.

use std::io::Write;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let chars: Vec<char> = (0x800u32..=0xFFFF).filter_map(char::from_u32).collect();
    // Each character between spaces: converted with no neighbour.
    let mut spaced = String::with_capacity(chars.len() * 4);
    for &c in &chars {
        spaced.push(c);
        spaced.push(' ');
    }
    let converted = fast2s::convert(&spaced);
    let mut pairs = Vec::new();
    for (&from, to) in chars.iter().zip(converted.split(' ')) {
        let mut it = to.chars();
        if let (Some(to), None) = (it.next(), it.next())
            && to != from
            && (0x800..=0xFFFF).contains(&(to as u32))
        {
            pairs.extend_from_slice(&(from as u16).to_le_bytes());
            pairs.extend_from_slice(&(to as u16).to_le_bytes());
        }
    }
    let out = std::path::Path::new(&std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("t2s.bin");
    std::fs::File::create(out)
        .and_then(|mut f| f.write_all(&pairs))
        .expect("write the Traditional→Simplified table");
}
