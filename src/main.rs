//! `union-quiz`: the member's quiz. The trainer's commands are handed to
//! `union-quiz-tools` beside it (see `union_quiz::cli`).

fn main() -> std::process::ExitCode {
    // How Windows users start it (double-click, a bank dropped on the .exe);
    // on other systems the command line as it is.
    let start = union_quiz::platform::start();
    let code = union_quiz::cli::quiz_main(start.args.clone());
    start.finish(code)
}
