use std::time::Instant;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10000);
    for (name, src) in [
        ("flow", format!("title: x\nq: {}\n", "[".repeat(n))),
        ("flowmap", format!("title: x\nq: {}\n", "{a: ".repeat(n))),
        ("dash", format!("title: x\nq:\n {}x\n", "- ".repeat(n))),
        (
            "closed",
            format!("title: x\nq: {}{}\n", "[".repeat(n), "]".repeat(n)),
        ),
    ] {
        let t = Instant::now();
        let r: Result<serde_yaml::Value, _> = serde_yaml::from_str(&src);
        let a = t.elapsed();
        struct S;
        impl<'a> saphyr_parser::SpannedEventReceiver<'a> for S {
            fn on_event(&mut self, _e: saphyr_parser::Event<'a>, _s: saphyr_parser::Span) {}
        }
        let t = Instant::now();
        let r2 = saphyr_parser::Parser::new_from_str(&src).load(&mut S, true);
        let b = t.elapsed();
        let t = Instant::now();
        let d = union_quiz::bank::check_bytes(std::path::Path::new("x.yaml"), src.as_bytes());
        let c = t.elapsed();
        println!(
            "{name}: serde {a:?} ({}) saphyr {b:?} ({}) check {c:?} {:?}",
            r.is_ok(),
            r2.is_ok(),
            d.first().map(|d| d.code())
        );
    }
}
