//! Where loading a bank spends memory: a counting allocator around the
//! system one measures, for generated banks of 1,000 and 10,000 questions
//! (`SIZES` changes them), the heap's peak while a bank loads, what stays
//! (the `Bank`), the number of allocations, and the process's VmHWM.
//!
//! ```sh
//! cargo run --release --example bench_load_mem
//! ```
//!
//! Each size is measured in a fresh child process (this binary run again
//! with `child`), so one size's peak does not hide the next one's. Parts
//! printed:
//!
//! - `file`: the file's bytes, read whole;
//! - `tree`: the positioned tree of `bank::yaml::parse_quick` alone
//!   (peak and what it holds);
//! - `load`: `bank::load` as `run` calls it (peak, and the `Bank` kept);
//! - `VmHWM`: the child's peak resident memory after the load, binary
//!   included; `floor` is the same child's VmHWM before it read anything.

#[path = "support/bench_bank.rs"]
mod bench_bank;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only
// counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size(), Relaxed);
        grow(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn grow(size: usize) {
    COUNT.fetch_add(1, Relaxed);
    let live = LIVE.fetch_add(size, Relaxed) + size;
    PEAK.fetch_max(live, Relaxed);
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Heap figures of one step: peak above the start, kept, allocations.
struct Step {
    peak: usize,
    kept: usize,
    allocs: usize,
}

fn step<T>(f: impl FnOnce() -> T) -> (T, Step) {
    let start = LIVE.load(Relaxed);
    PEAK.store(start, Relaxed);
    let count = COUNT.load(Relaxed);
    let out = f();
    let step = Step {
        peak: PEAK.load(Relaxed) - start,
        kept: LIVE.load(Relaxed).saturating_sub(start),
        allocs: COUNT.load(Relaxed) - count,
    };
    (out, step)
}

fn bank_yaml(questions: usize) -> String {
    bench_bank::bank_yaml(
        &format!("title: Bộ đề đo bộ nhớ {questions} câu\nid: bench-{questions}\ntime_limit: 3h\n"),
        questions,
    )
}

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Measures one bank file in this process.
fn child(path: &std::path::Path) {
    let floor = vm_hwm_kib();
    let (questions, load) = step(|| match union_quiz::bank::load(path) {
        Ok(bank) => {
            let n = bank.questions.len();
            // Kept, as a quiz keeps it.
            std::mem::forget(bank);
            n
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    });
    let hwm = vm_hwm_kib();
    let bytes = std::fs::read(path).unwrap_or_default();
    let (_, tree) = step(|| {
        let src = std::str::from_utf8(&bytes).unwrap_or_default();
        let tree = union_quiz::bank::yaml::parse_quick(src);
        std::mem::forget(tree);
    });
    println!(
        "{questions:>6} questions: file {:>6.2} MB | load peak {:>6.2} MB, Bank kept {:>6.2} MB, {:>8} allocations | tree alone: peak {:>6.2} MB, kept {:>6.2} MB, {:>8} allocations | VmHWM {:>6.1} MB (floor {:.1} MB)",
        mb(bytes.len()),
        mb(load.peak),
        mb(load.kept),
        load.allocs,
        mb(tree.peak),
        mb(tree.kept),
        tree.allocs,
        hwm as f64 / 1024.0,
        floor as f64 / 1024.0,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, mode, path] = &args[..]
        && mode == "child"
    {
        child(std::path::Path::new(path));
        return;
    }
    let sizes: Vec<usize> = std::env::var("SIZES")
        .unwrap_or_else(|_| "1000,10000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let Ok(dir) = tempfile::tempdir() else {
        eprintln!("no temporary folder");
        return;
    };
    let Ok(me) = std::env::current_exe() else {
        eprintln!("cannot find this binary");
        return;
    };
    for n in sizes {
        let path = dir.path().join(format!("bench-{n}.yaml"));
        if let Err(e) = std::fs::write(&path, bank_yaml(n)) {
            eprintln!("{}: {e}", path.display());
            return;
        }
        let status = std::process::Command::new(&me)
            .arg("child")
            .arg(&path)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("the measure of {n} questions failed");
        }
    }
}
