//! `union-quiz-tools`: every command (`check`, `report`, `serve`, … and
//! `run` too). `union-quiz` hands the trainer's commands to it; it can be
//! started on its own as well.

fn main() -> std::process::ExitCode {
    let start = union_quiz::platform::start();
    let code = union_quiz::cli::main(start.args.clone());
    start.finish(code)
}
