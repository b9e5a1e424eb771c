//! Drives a DPDK ring (rte_ring, Debian's libdpdk-dev 22.11) from Rust
//! through bindgen-style `*__extern` wrappers of its `static inline`
//! enqueue and dequeue functions.  No EAL and no hugepages: the ring lives
//! in memory this program allocates, sized by rte_ring_get_memsize and set
//! up by rte_ring_init (both exported by librte_ring).
//!
//!   rih-dpdk check     fills and drains a single-producer/single-consumer
//!                      ring and a multi-producer/multi-consumer one, checks
//!                      FIFO order and prints counts and checksums (the same
//!                      in every build; exits 1 on a wrong result)
//!   rih-dpdk bench N   N rounds of (enqueue burst of 32, dequeue burst of
//!                      32) on each ring; prints "NAME NS CHECKSUM" per ring,
//!                      NS the ns per round (median of 5 runs)
//!
//! The hot paths are rih_ring_rounds_spsc and rih_ring_rounds_mpmc: no
//! `*__extern` call may remain in them once rust-inline-helpers has inlined
//! the wrappers.  examples/dpdk/ring.c is the same program in C.

#[allow(non_camel_case_types, non_snake_case, non_upper_case_globals, dead_code, clippy::all)]
mod ffi {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::ffi::{c_void, CStr};
use std::process::exit;
use std::ptr::null_mut;
use std::time::Instant;

/// Slots of each ring (a power of two: it holds SLOTS - 1 objects).
const SLOTS: u32 = 1024;
/// Objects per burst.
const BURST: usize = 32;
/// rte_ring_core.h's RING_F_SP_ENQ and RING_F_SC_DEQ (macros bindgen 0.60
/// leaves out); 0 is multi-producer/multi-consumer.
const RING_F_SP_ENQ: u32 = 0x1;
const RING_F_SC_DEQ: u32 = 0x2;

/// A ring in memory of our own.
struct Ring {
    r: *mut ffi::rte_ring,
    layout: Layout,
}

impl Ring {
    fn new(name: &CStr, flags: u32) -> Ring {
        let size = unsafe { ffi::rte_ring_get_memsize(SLOTS) };
        if size <= 0 {
            eprintln!("rih-dpdk: rte_ring_get_memsize({SLOTS}) returned {size}");
            exit(1);
        }
        // struct rte_ring is cache-line aligned (its head and tail on lines
        // of their own); the object table follows it.
        let align = std::mem::align_of::<ffi::rte_ring>().max(128);
        let layout = Layout::from_size_align(size as usize, align).expect("a valid ring layout");
        let r = unsafe { alloc_zeroed(layout) }.cast::<ffi::rte_ring>();
        if r.is_null() {
            eprintln!("rih-dpdk: cannot allocate {size} bytes for ring {name:?}");
            exit(1);
        }
        let rc = unsafe { ffi::rte_ring_init(r, name.as_ptr(), SLOTS, flags) };
        if rc != 0 {
            eprintln!("rih-dpdk: rte_ring_init({name:?}, {SLOTS}, {flags:#x}) returned {rc}");
            exit(1);
        }
        Ring { r, layout }
    }
}

impl Drop for Ring {
    fn drop(&mut self) {
        unsafe { dealloc(self.r.cast(), self.layout) }
    }
}

/// The object a round enqueues at `k`: a tagged integer, never dereferenced.
fn object(k: usize) -> *mut c_void {
    (0x1000 + 8 * k) as *mut c_void
}

/// `rounds` rounds of one enqueue burst and one dequeue burst of `burst`
/// objects; returns a checksum of what came back.  SINGLE picks DPDK's
/// single-producer/single-consumer calls (rte_ring_sp_enqueue_burst,
/// rte_ring_sc_dequeue_burst), else the multi-producer/multi-consumer ones.
#[inline(always)]
fn rounds_body<const SINGLE: bool>(r: *mut ffi::rte_ring, rounds: u64, burst: u32) -> u64 {
    let mut objs = [null_mut::<c_void>(); BURST];
    for (k, o) in objs.iter_mut().enumerate() {
        *o = object(k);
    }
    let mut out = [null_mut::<c_void>(); BURST];
    let burst = burst.min(BURST as u32);
    let mut sum = 0u64;
    for i in 0..rounds {
        unsafe {
            let (n, m);
            if SINGLE {
                n = ffi::rte_ring_sp_enqueue_burst(r, objs.as_ptr(), burst, null_mut());
                m = ffi::rte_ring_sc_dequeue_burst(r, out.as_mut_ptr(), n, null_mut());
            } else {
                n = ffi::rte_ring_mp_enqueue_burst(r, objs.as_ptr(), burst, null_mut());
                m = ffi::rte_ring_mc_dequeue_burst(r, out.as_mut_ptr(), n, null_mut());
            }
            sum = sum.wrapping_add(m as u64 + out[(i as usize) & (BURST - 1)] as u64);
        }
    }
    sum
}

/// The hot loop on a single-producer/single-consumer ring.
#[no_mangle]
#[inline(never)]
pub fn rih_ring_rounds_spsc(r: *mut ffi::rte_ring, rounds: u64, burst: u32) -> u64 {
    rounds_body::<true>(r, rounds, burst)
}

/// The hot loop on a multi-producer/multi-consumer ring.
#[no_mangle]
#[inline(never)]
pub fn rih_ring_rounds_mpmc(r: *mut ffi::rte_ring, rounds: u64, burst: u32) -> u64 {
    rounds_body::<false>(r, rounds, burst)
}

/// Fills the ring with bursts of `burst` until it is full, then drains it
/// with bursts of `burst / 2 + 1`, checking FIFO order; prints what
/// happened.  Returns false on a wrong result.
fn fill_and_drain(name: &str, r: *mut ffi::rte_ring, burst: usize) -> bool {
    let objs: Vec<*mut c_void> = (0..burst).map(object).collect();
    let (mut pushed, mut bursts, mut last, mut free) = (0u64, 0u32, 0u32, 0u32);
    let mut sent = Vec::new();
    loop {
        let n = unsafe { ffi::rte_ring_enqueue_burst(r, objs.as_ptr(), burst as u32, &mut free) };
        if n == 0 {
            break;
        }
        sent.extend_from_slice(&objs[..n as usize]);
        pushed += n as u64;
        bursts += 1;
        last = n;
    }
    let (count, full) = unsafe { (ffi::rte_ring_count(r), ffi::rte_ring_full(r)) };
    println!("{name}: enqueued {pushed} in {bursts} bursts (last {last}), free {free}, count {count}, full {full}");
    let mut out = vec![null_mut::<c_void>(); burst / 2 + 1];
    let (mut got, mut sum, mut ok) = (Vec::new(), 0u64, true);
    loop {
        let mut avail = 0u32;
        let n = unsafe { ffi::rte_ring_dequeue_burst(r, out.as_mut_ptr(), out.len() as u32, &mut avail) };
        if n == 0 {
            break;
        }
        for &o in &out[..n as usize] {
            sum = sum.wrapping_mul(31).wrapping_add(o as u64);
        }
        got.extend_from_slice(&out[..n as usize]);
    }
    if got != sent {
        println!("{name}: FAIL: dequeued {} objects, not the {} enqueued in order", got.len(), sent.len());
        ok = false;
    }
    let empty = unsafe { ffi::rte_ring_empty(r) };
    println!("{name}: dequeued {} in order, checksum {sum:#x}, empty {empty}", got.len());
    ok
}

fn check() -> bool {
    let mut ok = true;
    for (name, flags) in [(c"rih_spsc", RING_F_SP_ENQ | RING_F_SC_DEQ), (c"rih_mpmc", 0)] {
        let ring = Ring::new(name, flags);
        let label = name.to_str().expect("an ASCII name");
        let (size, capacity, prod, cons) = unsafe {
            (
                ffi::rte_ring_get_size(ring.r),
                ffi::rte_ring_get_capacity(ring.r),
                ffi::rte_ring_get_prod_sync_type(ring.r),
                ffi::rte_ring_get_cons_sync_type(ring.r),
            )
        };
        println!("{label}: size {size}, capacity {capacity}, producer sync {prod}, consumer sync {cons}");
        ok &= fill_and_drain(label, ring.r, 100);
        let hot = if flags == 0 { rih_ring_rounds_mpmc } else { rih_ring_rounds_spsc };
        println!("{label}: 1000 rounds of {BURST}: checksum {:#x}", hot(ring.r, 1000, BURST as u32));
        // A burst larger than the free space is cut short: 7 rounds of
        // 200 fill a 1023-object ring without dequeuing.
        let mut objs = [null_mut::<c_void>(); 200];
        for (k, o) in objs.iter_mut().enumerate() {
            *o = object(k);
        }
        let taken: Vec<u32> = (0..7)
            .map(|_| unsafe { ffi::rte_ring_enqueue_burst(ring.r, objs.as_ptr(), 200, null_mut()) })
            .collect();
        println!("{label}: bursts of 200 into the ring took {taken:?}");
    }
    ok
}

fn bench(rounds: u64) {
    for (name, flags) in [(c"rih_spsc", RING_F_SP_ENQ | RING_F_SC_DEQ), (c"rih_mpmc", 0)] {
        let ring = Ring::new(name, flags);
        let hot = if flags == 0 { rih_ring_rounds_mpmc } else { rih_ring_rounds_spsc };
        let mut ns = Vec::new();
        let mut sum = 0;
        for _ in 0..5 {
            let t = Instant::now();
            sum = std::hint::black_box(hot(std::hint::black_box(ring.r), rounds, BURST as u32));
            ns.push(t.elapsed().as_nanos() as f64 / rounds.max(1) as f64);
        }
        ns.sort_by(f64::total_cmp);
        let label = if flags == 0 { "ring_mpmc" } else { "ring_spsc" };
        println!("{label} {:.2} {sum:#x}", ns[ns.len() / 2]);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("check") => {
            if !check() {
                exit(1);
            }
        }
        Some("bench") => match args.get(2).map(|n| n.parse::<u64>()) {
            Some(Ok(n)) => bench(n),
            _ => {
                eprintln!("rih-dpdk: bench needs a number of rounds: rih-dpdk bench N");
                exit(2);
            }
        },
        _ => {
            eprintln!("usage: rih-dpdk check | rih-dpdk bench N");
            exit(2);
        }
    }
}
