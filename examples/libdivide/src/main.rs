//! Divides through libdivide (a header-only C library of `static inline`
//! functions) from Rust, through bindgen-style `*__extern` wrappers.
//!
//!   rih-libdivide check      divides a fixed set of numbers every way and
//!                            prints one checksum per way; exits 1 when
//!                            libdivide and Rust's `/` disagree
//!   rih-libdivide bench N    times each way over N divisions and prints
//!                            "WAY ns_per_division" lines
//!
//! The hot loops are the `rih_*` functions; no `*__extern` call may remain
//! in them once rust-inline-helpers has inlined the wrappers.

#[allow(non_camel_case_types, non_snake_case, non_upper_case_globals, dead_code, clippy::all)]
mod ffi {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

use std::hint::black_box;
use std::time::Instant;

#[no_mangle]
#[inline(never)]
pub fn rih_u32_branchfull(v: &[u32], d: &ffi::libdivide_u32_t) -> u64 {
    v.iter().map(|&x| unsafe { ffi::libdivide_u32_do(x, d) } as u64).sum()
}

#[no_mangle]
#[inline(never)]
pub fn rih_u32_branchfree(v: &[u32], d: &ffi::libdivide_u32_branchfree_t) -> u64 {
    v.iter().map(|&x| unsafe { ffi::libdivide_u32_branchfree_do(x, d) } as u64).sum()
}

#[no_mangle]
#[inline(never)]
pub fn rih_s64_branchfull(v: &[i64], d: &ffi::libdivide_s64_t) -> i64 {
    v.iter().fold(0i64, |s, &x| s.wrapping_add(unsafe { ffi::libdivide_s64_do(x, d) }))
}

#[no_mangle]
#[inline(never)]
pub fn rih_s64_branchfree(v: &[i64], d: &ffi::libdivide_s64_branchfree_t) -> i64 {
    v.iter().fold(0i64, |s, &x| s.wrapping_add(unsafe { ffi::libdivide_s64_branchfree_do(x, d) }))
}

#[no_mangle]
#[inline(never)]
pub fn rih_u32_native(v: &[u32], d: u32) -> u64 {
    v.iter().map(|&x| (x / d) as u64).sum()
}

#[no_mangle]
#[inline(never)]
pub fn rih_s64_native(v: &[i64], d: i64) -> i64 {
    v.iter().fold(0i64, |s, &x| s.wrapping_add(x / d))
}

/// A deterministic spread of numbers (xorshift64), the same in every build.
fn numbers(n: usize, seed: u64) -> Vec<u64> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        })
        .collect()
}

const DIVISORS_U32: [u32; 8] = [1, 3, 7, 10, 641, 65_537, 1 << 31, u32::MAX];
const DIVISORS_S64: [i64; 8] = [1, -1, 3, -7, 1000, 1 << 40, i64::MAX, i64::MIN + 1];

fn check() -> bool {
    let u32s: Vec<u32> = numbers(4096, 1).into_iter().map(|x| x as u32).collect();
    let s64s: Vec<i64> = numbers(4096, 2).into_iter().map(|x| x as i64).collect();
    let mut ok = true;
    for d in DIVISORS_U32 {
        let native = rih_u32_native(&u32s, d);
        let full = rih_u32_branchfull(&u32s, &unsafe { ffi::libdivide_u32_gen(d) });
        // libdivide's branchfree u32 divider excludes 1.
        let free = if d == 1 { native } else { rih_u32_branchfree(&u32s, &unsafe { ffi::libdivide_u32_branchfree_gen(d) }) };
        println!("u32 / {d}: {full} {free}");
        ok &= full == native && free == native;
    }
    for d in DIVISORS_S64 {
        let native = rih_s64_native(&s64s, d);
        let full = rih_s64_branchfull(&s64s, &unsafe { ffi::libdivide_s64_gen(d) });
        let free = rih_s64_branchfree(&s64s, &unsafe { ffi::libdivide_s64_branchfree_gen(d) });
        println!("s64 / {d}: {full} {free}");
        ok &= full == native && free == native;
    }
    println!("{}", if ok { "libdivide agrees with Rust's division" } else { "MISMATCH" });
    ok
}

/// Median ns per division of `f` over `rounds` timed rounds.
fn time(rounds: usize, divisions: usize, mut f: impl FnMut() -> u64) -> f64 {
    let mut ns: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_nanos() as f64 / divisions as f64
        })
        .collect();
    ns.sort_by(|a, b| a.partial_cmp(b).unwrap());
    ns[ns.len() / 2]
}

fn bench(n: usize) {
    let u32s: Vec<u32> = numbers(n, 3).into_iter().map(|x| x as u32).collect();
    let s64s: Vec<i64> = numbers(n, 4).into_iter().map(|x| x as i64).collect();
    // The divisor is known only at run time, as in libdivide's use cases.
    let du = black_box(641u32);
    let ds = black_box(-1000i64);
    let (fu, bu) = unsafe { (ffi::libdivide_u32_gen(du), ffi::libdivide_u32_branchfree_gen(du)) };
    let (fs, bs) = unsafe { (ffi::libdivide_s64_gen(ds), ffi::libdivide_s64_branchfree_gen(ds)) };
    let r = 11;
    println!("u32_branchfull {:.3}", time(r, n, || rih_u32_branchfull(black_box(&u32s), &fu)));
    println!("u32_branchfree {:.3}", time(r, n, || rih_u32_branchfree(black_box(&u32s), &bu)));
    println!("u32_native {:.3}", time(r, n, || rih_u32_native(black_box(&u32s), du)));
    println!("s64_branchfull {:.3}", time(r, n, || rih_s64_branchfull(black_box(&s64s), &fs) as u64));
    println!("s64_branchfree {:.3}", time(r, n, || rih_s64_branchfree(black_box(&s64s), &bs) as u64));
    println!("s64_native {:.3}", time(r, n, || rih_s64_native(black_box(&s64s), ds) as u64));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("check") => std::process::exit(if check() { 0 } else { 1 }),
        Some("bench") => bench(args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1 << 20)),
        _ => {
            eprintln!("usage: rih-libdivide check | bench [N]");
            std::process::exit(2)
        }
    }
}
