//! The `delib` command line (a stub until the CLI lands; only the hidden PDF
//! worker subcommand is wired).

fn main() {
    // The isolated PDF worker re-executes this binary; it must be dispatched
    // before any argument parsing (see `delib::pdf::worker`).
    if std::env::args().nth(1).as_deref() == Some("__pdf-worker") {
        std::process::exit(delib::pdf::worker::worker_main());
    }
}
