//! The `bayu` executable: everything happens in [`bayu::cli::main`].

fn main() -> std::process::ExitCode {
    bayu::cli::main()
}
