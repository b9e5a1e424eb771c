//! Drives a real io_uring from Rust through liburing, whose submission and
//! completion fast paths (io_uring_get_sqe, io_uring_prep_*,
//! io_uring_cq_advance, ...) are `static inline` functions reached through
//! bindgen-style `*__extern` wrappers.
//!
//!   rih-liburing check      NOP requests and a read of a temporary file;
//!                           prints what came back, exits 1 on a wrong
//!                           result and 77 when the kernel forbids io_uring
//!   rih-liburing bench N    prints "nop_batch NS": ns per prepared,
//!                           submitted and reaped batch of 32 NOPs, median
//!                           of N rounds of 1000 batches
//!
//! The hot paths are the `rih_*` functions; no `*__extern` call may remain
//! in them once rust-inline-helpers has inlined the wrappers.

#[allow(non_camel_case_types, non_snake_case, non_upper_case_globals, dead_code, clippy::all)]
mod ffi {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

use std::io::Write;
use std::mem::MaybeUninit;
use std::os::fd::AsRawFd;
use std::time::Instant;

const BATCH: u32 = 32;

/// Prepares `n` NOP requests tagged `first..first + n`; returns how many
/// the submission queue took.
#[no_mangle]
#[inline(never)]
pub fn rih_prep_nops(ring: *mut ffi::io_uring, first: u64, n: u32) -> u32 {
    for i in 0..n {
        unsafe {
            let sqe = ffi::io_uring_get_sqe(ring);
            if sqe.is_null() {
                return i;
            }
            ffi::io_uring_prep_nop(sqe);
            ffi::io_uring_sqe_set_data64(sqe, first + i as u64);
        }
    }
    n
}

/// Waits for `n` completions; returns the sum of their tags, or -1 after an
/// error completion.
#[no_mangle]
#[inline(never)]
pub fn rih_reap(ring: *mut ffi::io_uring, n: u32) -> i64 {
    let mut sum = 0i64;
    for _ in 0..n {
        unsafe {
            let mut cqe: *mut ffi::io_uring_cqe = std::ptr::null_mut();
            if ffi::io_uring_wait_cqe(ring, &mut cqe) != 0 || (*cqe).res < 0 {
                return -1;
            }
            sum += ffi::io_uring_cqe_get_data64(cqe) as i64;
            ffi::io_uring_cq_advance(ring, 1);
        }
    }
    sum
}

/// Reads `buf.len()` bytes of `fd` at `offset` through the ring; returns the
/// completion's result (bytes read, or -errno).
#[no_mangle]
#[inline(never)]
pub fn rih_read(ring: *mut ffi::io_uring, fd: i32, buf: &mut [u8], offset: u64) -> i32 {
    unsafe {
        let sqe = ffi::io_uring_get_sqe(ring);
        ffi::io_uring_prep_read(sqe, fd, buf.as_mut_ptr().cast(), buf.len() as u32, offset);
        ffi::io_uring_sqe_set_data64(sqe, 7);
        if ffi::io_uring_submit(ring) != 1 {
            return -1;
        }
        let mut cqe: *mut ffi::io_uring_cqe = std::ptr::null_mut();
        if ffi::io_uring_wait_cqe(ring, &mut cqe) != 0 {
            return -1;
        }
        let res = (*cqe).res;
        ffi::io_uring_cqe_seen(ring, cqe);
        res
    }
}

struct Ring(Box<MaybeUninit<ffi::io_uring>>);

impl Ring {
    /// A ring of `entries`, or the -errno of io_uring_queue_init.
    fn new(entries: u32) -> Result<Ring, i32> {
        let mut ring = Box::new(MaybeUninit::<ffi::io_uring>::zeroed());
        let err = unsafe { ffi::io_uring_queue_init(entries, ring.as_mut_ptr(), 0) };
        if err < 0 {
            return Err(err);
        }
        Ok(Ring(ring))
    }
    fn ptr(&mut self) -> *mut ffi::io_uring {
        self.0.as_mut_ptr()
    }
}

impl Drop for Ring {
    fn drop(&mut self) {
        unsafe { ffi::io_uring_queue_exit(self.0.as_mut_ptr()) }
    }
}

fn ring_or_skip() -> Ring {
    Ring::new(2 * BATCH).unwrap_or_else(|err| {
        // EPERM (io_uring_disabled, seccomp) or ENOSYS: not ours to test.
        println!("io_uring unavailable: io_uring_queue_init returned {err}");
        std::process::exit(77)
    })
}

fn check() -> bool {
    let mut ring = ring_or_skip();
    let r = ring.ptr();
    let mut ok = true;
    for round in 0..4u64 {
        let first = round * 100;
        let prepared = rih_prep_nops(r, first, BATCH);
        let submitted = unsafe { ffi::io_uring_submit(r) };
        let sum = rih_reap(r, BATCH);
        let want = (first..first + BATCH as u64).sum::<u64>() as i64;
        println!("nop round {round}: prepared {prepared} submitted {submitted} tags {sum}");
        ok &= prepared == BATCH && submitted == BATCH as i32 && sum == want;
    }
    let text: Vec<u8> = (0..4096u32).map(|i| (i * 31 % 251) as u8).collect();
    let path = std::env::temp_dir().join(format!("rih-liburing-{}", std::process::id()));
    let mut file = std::fs::File::create(&path).expect("create a temporary file");
    file.write_all(&text).expect("write the temporary file");
    drop(file);
    let file = std::fs::File::open(&path).expect("open the temporary file");
    let mut buf = vec![0u8; 1000];
    let res = rih_read(r, file.as_raw_fd(), &mut buf, 1234);
    let _ = std::fs::remove_file(&path);
    let same = res == 1000 && buf[..] == text[1234..2234];
    println!("read: {res} bytes, {}", if same { "same as written" } else { "DIFFERENT" });
    ok &= same;
    println!("{}", if ok { "io_uring requests completed as expected" } else { "MISMATCH" });
    ok
}

fn bench(rounds: usize) {
    let mut ring = ring_or_skip();
    let r = ring.ptr();
    let batches = 1000u64;
    let mut ns: Vec<f64> = (0..rounds.max(1))
        .map(|_| {
            let t = Instant::now();
            for b in 0..batches {
                rih_prep_nops(r, b * BATCH as u64, BATCH);
                unsafe { ffi::io_uring_submit(r) };
                std::hint::black_box(rih_reap(r, BATCH));
            }
            t.elapsed().as_nanos() as f64 / batches as f64
        })
        .collect();
    ns.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("nop_batch {:.1}", ns[ns.len() / 2]);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("check") => std::process::exit(if check() { 0 } else { 1 }),
        Some("bench") => bench(args.get(2).and_then(|n| n.parse().ok()).unwrap_or(11)),
        _ => {
            eprintln!("usage: rih-liburing check | bench [N]");
            std::process::exit(2)
        }
    }
}
