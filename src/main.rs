//! The `newsextract` binary: parses the command line and hands over to the library.

/// jemalloc instead of glibc's malloc: the pipeline allocates many small, short-lived
/// strings and DOM nodes per article, and glibc's malloc and free took about a tenth of
/// the extraction time (`perf` over `eval main-text`). With jemalloc the main-text path
/// is about 10 % faster and a long plain text peaks lower; the worker's resident memory
/// rises by about 10 % (BENCHMARKS.md). mimalloc was faster still but doubled the
/// worker's resident memory.
#[cfg(all(unix, not(target_env = "musl")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    newsextract::cli::main()
}
