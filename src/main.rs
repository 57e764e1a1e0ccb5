//! The `delib` command line.
fn main() {}
