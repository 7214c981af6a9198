fn main() -> std::process::ExitCode {
    union_quiz::cli::main()
}
