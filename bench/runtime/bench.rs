//! Runtime benchmark, Rust side: eight microbenchmarks, one kernel-like
//! workload and four benchmarks whose helpers hold loops (issue 24), each a
//! loop over `rust_helper_*` calls.  bench.c is the same
//! code in C calling the `static inline` functions directly (the limit).
//!
//! Every benchmark is `extern "C" fn bench_NAME(mem, n) -> checksum`: `mem`
//! is 1 MiB from the harness (64-byte aligned, filled with a fixed
//! pseudo-random pattern), `n` the number of operations.  Loops are written
//! as `while` loops over raw pointers so that they compile to the same shape
//! as bench.c's `for` loops; the code cannot panic (no indexing, wrapping
//! arithmetic), so the object needs nothing from `core` at link time.

#![no_std]

use core::ffi::c_void;
use core::hint::black_box;
use core::ptr::addr_of_mut;

#[repr(C)]
pub struct ListHead {
    next: *mut ListHead,
    prev: *mut ListHead,
}

#[repr(C)]
pub struct Refcount {
    refs: i32,
}

#[repr(C)]
pub struct Atomic {
    counter: i32,
}

#[repr(C)]
pub struct SpinLock {
    locked: i32,
}

#[repr(C)]
pub struct MsgHdr {
    seq: u64,
    len: u32,
    ty: u16,
    flags: u16,
    tag: [u8; 8],
}

extern "C" {
    fn rust_helper_ERR_PTR(err: i64) -> *mut c_void;
    fn rust_helper_IS_ERR(ptr: *const c_void) -> bool;
    fn rust_helper_PTR_ERR(ptr: *const c_void) -> i64;
    fn rust_helper_set_bit(nr: u64, addr: *mut u64);
    fn rust_helper_clear_bit(nr: u64, addr: *mut u64);
    fn rust_helper_test_bit(nr: u64, addr: *const u64) -> bool;
    fn rust_helper_INIT_LIST_HEAD(list: *mut ListHead);
    fn rust_helper_list_add(entry: *mut ListHead, head: *mut ListHead);
    fn rust_helper_list_del(entry: *mut ListHead);
    fn rust_helper_list_empty(head: *const ListHead) -> bool;
    fn rust_helper_refcount_set(r: *mut Refcount, n: i32);
    fn rust_helper_refcount_read(r: *const Refcount) -> u32;
    fn rust_helper_refcount_inc(r: *mut Refcount);
    fn rust_helper_refcount_dec_and_test(r: *mut Refcount) -> bool;
    fn rust_helper_min(a: i64, b: i64) -> i64;
    fn rust_helper_max(a: i64, b: i64) -> i64;
    fn rust_helper_bswap32(x: u32) -> u32;
    fn rust_helper_atomic_read(v: *const Atomic) -> i32;
    fn rust_helper_spin_lock_init(lock: *mut SpinLock);
    fn rust_helper_spin_lock(lock: *mut SpinLock);
    fn rust_helper_spin_unlock(lock: *mut SpinLock);
    fn rust_helper_short_copy(dst: *mut c_void, src: *const c_void, len: usize) -> *mut c_void;
    fn rust_helper_copy_bytes(dst: *mut c_void, src: *const c_void, count: usize) -> *mut c_void;
    fn rust_helper_find_first_bit(addr: *const u64, size: u64) -> u64;
    fn rust_helper_bitmap_weight(src: *const u64, nbits: u32) -> u32;
    fn rust_helper_str_len(s: *const u8) -> usize;
    fn rust_helper_csum16(buf: *const c_void, len: usize) -> u16;
}

/// refcount_inc + refcount_dec_and_test on one count (an Arc clone and drop).
#[no_mangle]
pub unsafe extern "C" fn bench_refcount(mem: *mut c_void, n: u64) -> u64 {
    let r = mem as *mut Refcount;
    let mut acc: u64 = 0;
    rust_helper_refcount_set(r, 1);
    let mut i: u64 = 0;
    while i < n {
        rust_helper_refcount_inc(r);
        if rust_helper_refcount_dec_and_test(r) {
            acc = acc.wrapping_add(1);
        }
        i += 1;
    }
    acc.wrapping_add(rust_helper_refcount_read(r) as u64)
}

/// ERR_PTR, IS_ERR and PTR_ERR on an errno the compiler cannot see.
#[no_mangle]
pub unsafe extern "C" fn bench_err_ptr(_mem: *mut c_void, n: u64) -> u64 {
    let mut acc: u64 = 0;
    let mut i: u64 = 0;
    while i < n {
        let err = black_box(i & 4095) as i64;
        let ptr = rust_helper_ERR_PTR(err.wrapping_neg());
        if rust_helper_IS_ERR(ptr) {
            acc = acc.wrapping_add(rust_helper_PTR_ERR(ptr) as u64);
        } else {
            acc = acc.wrapping_add(1);
        }
        i += 1;
    }
    acc
}

/// set_bit, test_bit and clear_bit on a 256-bit map.
#[no_mangle]
pub unsafe extern "C" fn bench_bitops(mem: *mut c_void, n: u64) -> u64 {
    let map = mem as *mut u64;
    let mut acc: u64 = 0;
    let mut i: u64 = 0;
    while i < n {
        rust_helper_set_bit(i & 255, map);
        if rust_helper_test_bit(i.wrapping_mul(7) & 255, map) {
            acc = acc.wrapping_add(1);
        }
        rust_helper_clear_bit(i.wrapping_mul(3) & 255, map);
        i += 1;
    }
    acc
}

/// list_add, list_empty and list_del of one of eight nodes.
#[no_mangle]
pub unsafe extern "C" fn bench_list(mem: *mut c_void, n: u64) -> u64 {
    let head = mem as *mut ListHead;
    let nodes = head.add(1);
    let mut acc: u64 = 0;
    rust_helper_INIT_LIST_HEAD(head);
    let mut i: u64 = 0;
    while i < n {
        let node = nodes.add((i & 7) as usize);
        rust_helper_list_add(node, head);
        if !rust_helper_list_empty(head) {
            acc = acc.wrapping_add(1);
        }
        rust_helper_list_del(node);
        i += 1;
    }
    acc
}

/// atomic_read (a READ_ONCE load) of one of 64 counters.
#[no_mangle]
pub unsafe extern "C" fn bench_read_once(mem: *mut c_void, n: u64) -> u64 {
    let counters = mem as *const Atomic;
    let mut acc: u64 = 0;
    let mut i: u64 = 0;
    while i < n {
        let v = rust_helper_atomic_read(counters.add((i & 63) as usize));
        acc = acc.wrapping_add(v as u64);
        i += 1;
    }
    acc
}

/// spin_lock, an increment, spin_unlock (uncontended).
#[no_mangle]
pub unsafe extern "C" fn bench_spinlock(mem: *mut c_void, n: u64) -> u64 {
    let lock = mem as *mut SpinLock;
    let data = (mem as *mut u64).add(8);
    rust_helper_spin_lock_init(lock);
    *data = 0;
    let mut i: u64 = 0;
    while i < n {
        rust_helper_spin_lock(lock);
        *data = (*data).wrapping_add(1);
        rust_helper_spin_unlock(lock);
        i += 1;
    }
    *data
}

/// min, max and bswap32 of loaded values.
#[no_mangle]
pub unsafe extern "C" fn bench_minmax(mem: *mut c_void, n: u64) -> u64 {
    let src = mem as *const u32;
    let mut acc: u64 = 0;
    let mut i: u64 = 0;
    while i < n {
        let x = *src.add((i & 255) as usize);
        let clamped = rust_helper_max(rust_helper_min(x as i64, 1000), 10);
        acc = acc.wrapping_add(clamped as u64).wrapping_add(rust_helper_bswap32(x) as u64);
        i += 1;
    }
    acc
}

/// A 16-byte copy from a moving, unaligned source.
#[no_mangle]
pub unsafe extern "C" fn bench_copy(mem: *mut c_void, n: u64) -> u64 {
    let src = mem as *const u8;
    let dst = (mem as *mut u8).add(2048);
    let mut acc: u64 = 0;
    let mut i: u64 = 0;
    while i < n {
        rust_helper_short_copy(dst as *mut c_void, src.add((i & 7) as usize) as *const c_void, 16);
        acc = acc.wrapping_add(*(dst as *const u64));
        i += 1;
    }
    acc
}

// --- helpers with loops -------------------------------------------------------

/// A 24-byte header copied byte by byte (copy_bytes) from one of 16 messages
/// into a local, then three of its fields read.
#[no_mangle]
pub unsafe extern "C" fn bench_struct_copy(mem: *mut c_void, n: u64) -> u64 {
    let msgs = mem as *const MsgHdr;
    let mut tmp = MsgHdr { seq: 0, len: 0, ty: 0, flags: 0, tag: [0; 8] };
    let mut acc: u64 = 0;
    let mut i: u64 = 0;
    while i < n {
        rust_helper_copy_bytes(
            addr_of_mut!(tmp) as *mut c_void,
            msgs.add((i & 15) as usize) as *const c_void,
            core::mem::size_of::<MsgHdr>(),
        );
        acc = acc.wrapping_add(tmp.seq).wrapping_add(tmp.len as u64).wrapping_add(tmp.tag[3] as u64);
        i += 1;
    }
    acc
}

/// find_first_bit and bitmap_weight over one of 64 four-word bitmaps, whose
/// first k % 5 words are cleared (bitmap k).
#[no_mangle]
pub unsafe extern "C" fn bench_bitmap(mem: *mut c_void, n: u64) -> u64 {
    let maps = mem as *mut u64;
    let mut k: u64 = 0;
    while k < 64 {
        let mut w: u64 = 0;
        while w < k % 5 && w < 4 {
            *maps.add((k * 4 + w) as usize) = 0;
            w += 1;
        }
        k += 1;
    }
    let mut acc: u64 = 0;
    let mut i: u64 = 0;
    while i < n {
        let map = maps.add(((i & 63) * 4) as usize) as *const u64;
        acc = acc
            .wrapping_add(rust_helper_find_first_bit(map, 256))
            .wrapping_add(rust_helper_bitmap_weight(map, 256) as u64);
        i += 1;
    }
    acc
}

/// str_len of one of 64 strings of 0 to 28 bytes (string k: (k * 7) % 29).
#[no_mangle]
pub unsafe extern "C" fn bench_strlen(mem: *mut c_void, n: u64) -> u64 {
    let strs = mem as *mut u8;
    let mut k: u64 = 0;
    while k < 64 {
        let s = strs.add((k * 32) as usize);
        let len = (k * 7) % 29;
        let mut j: u64 = 0;
        while j < len {
            *s.add(j as usize) = b'a' + (j % 26) as u8;
            j += 1;
        }
        *s.add(len as usize) = 0;
        k += 1;
    }
    let mut acc: u64 = 0;
    let mut i: u64 = 0;
    while i < n {
        acc = acc.wrapping_add(rust_helper_str_len(strs.add(((i & 63) * 32) as usize)) as u64);
        i += 1;
    }
    acc
}

/// csum16 (a 16-bit ones'-complement sum) of one of 16 64-byte buffers.
#[no_mangle]
pub unsafe extern "C" fn bench_csum(mem: *mut c_void, n: u64) -> u64 {
    let bufs = mem as *const u8;
    let mut acc: u64 = 0;
    let mut i: u64 = 0;
    while i < n {
        let buf = bufs.add(((i & 15) * 64) as usize) as *const c_void;
        acc = acc.wrapping_add(rust_helper_csum16(buf, 64) as u64);
        i += 1;
    }
    acc
}

// --- the workload: a hash table of refcounted entries -----------------------
//
// 256 buckets, each a spin lock and an intrusive list; 1024 keys, each with
// its own entry.  Operation i takes key i * 2654435761 mod 1024 (a
// permutation), locks its bucket and looks the key up (ERR_PTR(-ENOENT) when
// absent).  A miss inserts the entry (refcount 1, list_add, set_bit in the
// presence map); a hit takes a reference and, for every fourth operation,
// unlinks the entry (list_del, clear_bit, dropping the table's reference);
// then the reference taken is dropped, freeing an unlinked entry.

const BUCKETS: u64 = 256;
const KEYS: u64 = 1024;
const ENOENT: i64 = 2;

#[repr(C)]
struct Bucket {
    lock: SpinLock,
    head: ListHead,
}

#[repr(C)]
struct Entry {
    node: ListHead,
    key: u64,
    refs: Refcount,
}

#[repr(C)]
struct Table {
    buckets: [Bucket; BUCKETS as usize],
    entries: [Entry; KEYS as usize],
    present: [u64; (KEYS / 64) as usize],
}

unsafe fn bucket(t: *mut Table, hash: u64) -> *mut Bucket {
    (addr_of_mut!((*t).buckets) as *mut Bucket).add((hash & (BUCKETS - 1)) as usize)
}

unsafe fn entry(t: *mut Table, key: u64) -> *mut Entry {
    (addr_of_mut!((*t).entries) as *mut Entry).add(key as usize)
}

unsafe fn lookup(b: *mut Bucket, key: u64) -> *mut Entry {
    let head = addr_of_mut!((*b).head);
    let mut pos = (*head).next;
    while pos != head {
        let e = pos as *mut Entry;
        if (*e).key == key {
            return e;
        }
        pos = (*pos).next;
    }
    rust_helper_ERR_PTR(-ENOENT) as *mut Entry
}

#[no_mangle]
pub unsafe extern "C" fn bench_hashtable(mem: *mut c_void, n: u64) -> u64 {
    let t = mem as *mut Table;
    let present = addr_of_mut!((*t).present) as *mut u64;
    let mut k: u64 = 0;
    while k < BUCKETS {
        let b = bucket(t, k);
        rust_helper_spin_lock_init(addr_of_mut!((*b).lock));
        rust_helper_INIT_LIST_HEAD(addr_of_mut!((*b).head));
        k += 1;
    }
    k = 0;
    while k < KEYS / 64 {
        *present.add(k as usize) = 0;
        k += 1;
    }
    let (mut hits, mut inserts, mut frees, mut errors): (u64, u64, u64, u64) = (0, 0, 0, 0);
    let mut i: u64 = 0;
    while i < n {
        let key = i.wrapping_mul(2654435761) & (KEYS - 1);
        let b = bucket(t, key);
        rust_helper_spin_lock(addr_of_mut!((*b).lock));
        let e = lookup(b, key);
        if rust_helper_IS_ERR(e as *const c_void) {
            errors = errors.wrapping_add(rust_helper_PTR_ERR(e as *const c_void) as u64);
            let new = entry(t, key);
            (*new).key = key;
            rust_helper_refcount_set(addr_of_mut!((*new).refs), 1);
            rust_helper_list_add(addr_of_mut!((*new).node), addr_of_mut!((*b).head));
            rust_helper_set_bit(key, present);
            inserts += 1;
        } else {
            rust_helper_refcount_inc(addr_of_mut!((*e).refs));
            hits += 1;
            if i & 3 == 0 {
                rust_helper_list_del(addr_of_mut!((*e).node));
                rust_helper_clear_bit(key, present);
                rust_helper_refcount_dec_and_test(addr_of_mut!((*e).refs));
            }
            if rust_helper_refcount_dec_and_test(addr_of_mut!((*e).refs)) {
                frees += 1;
            }
        }
        rust_helper_spin_unlock(addr_of_mut!((*b).lock));
        i += 1;
    }
    hits.wrapping_add(inserts.wrapping_mul(3))
        .wrapping_add(frees.wrapping_mul(5))
        .wrapping_add(errors)
}
