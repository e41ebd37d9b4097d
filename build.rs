//! Release builds of the `careerfit` program on x86-64 Linux lay out the
//! functions a quiz session runs next to one another, in the order listed
//! in `link/symbol-order.txt` (made by `scripts/symbol-order`). The kernel
//! maps a program's pages in 64 KiB runs around each page touched, so hot
//! code spread through the whole binary makes nearly all of it resident;
//! kept together, far fewer pages are (docs/performance.md). Names missing
//! from a build are skipped, so a stale list costs memory, never
//! correctness. `CAREERFIT_SYMBOL_ORDER=0` turns it off.
//!
//! Release binaries are stripped here, by the linker, rather than by the
//! profile's `strip`: a different profile gives every function a different
//! symbol name, so the list could only be made from a build that differs
//! from the real one. `CAREERFIT_KEEP_SYMBOLS=1` keeps the symbols of an
//! otherwise identical build for `scripts/symbol-order` to read.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=link/symbol-order.txt");
    println!("cargo::rerun-if-env-changed=CAREERFIT_SYMBOL_ORDER");
    println!("cargo::rerun-if-env-changed=CAREERFIT_KEEP_SYMBOLS");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let linux = var("CARGO_CFG_TARGET_OS") == "linux";
    if linux && var("PROFILE") == "release" && var("CAREERFIT_KEEP_SYMBOLS") != "1" {
        println!("cargo::rustc-link-arg-bins=-Wl,--strip-all");
    }
    let wanted = var("TARGET") == "x86_64-unknown-linux-gnu"
        && var("PROFILE") == "release"
        && var("CAREERFIT_SYMBOL_ORDER") != "0";
    let list = Path::new(&var("CARGO_MANIFEST_DIR")).join("link/symbol-order.txt");
    if wanted && list.is_file() {
        // rustc links with its bundled LLD on this target, which reads
        // the list; GNU ld would not.
        println!(
            "cargo::rustc-link-arg-bin=careerfit=-Wl,--symbol-ordering-file={}",
            list.display()
        );
        println!("cargo::rustc-link-arg-bin=careerfit=-Wl,--no-warn-symbol-ordering");
    }
}
