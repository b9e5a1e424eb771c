//! User-space example: a Rust program that reaches C `static inline`
//! functions only through the `rust_helper_*` wrappers in helpers.c, the way
//! kernel Rust code does.  Built as a `staticlib` whose `main` is exported
//! with C linkage; examples.sh links the crate's own object first, then the
//! helpers, then the archive (for std), so the archive's copy of this crate
//! is never used.  The output is deterministic.

use std::ffi::{c_int, c_long, c_uint, c_ulong, c_void};
use std::mem::offset_of;
use std::ptr::{addr_of_mut, null_mut};

#[repr(C)]
struct ListHead {
    next: *mut ListHead,
    prev: *mut ListHead,
}

#[repr(C)]
struct Refcount {
    refs: c_int,
}

/// A list entry with its own reference count, like a kernel object.
#[repr(C)]
struct Node {
    id: u32,
    refs: Refcount,
    link: ListHead,
}

unsafe extern "C" {
    fn rust_helper_ERR_PTR(err: c_long) -> *mut c_void;
    fn rust_helper_IS_ERR(ptr: *const c_void) -> bool;
    fn rust_helper_PTR_ERR(ptr: *const c_void) -> c_long;
    fn rust_helper___set_bit(nr: c_ulong, addr: *mut c_ulong);
    fn rust_helper___clear_bit(nr: c_ulong, addr: *mut c_ulong);
    fn rust_helper_set_bit(nr: c_ulong, addr: *mut c_ulong);
    fn rust_helper_clear_bit(nr: c_ulong, addr: *mut c_ulong);
    fn rust_helper_test_bit(nr: c_ulong, addr: *const c_ulong) -> bool;
    fn rust_helper_INIT_LIST_HEAD(list: *mut ListHead);
    fn rust_helper_list_add(entry: *mut ListHead, head: *mut ListHead);
    fn rust_helper_list_add_tail(entry: *mut ListHead, head: *mut ListHead);
    fn rust_helper_list_del(entry: *mut ListHead);
    fn rust_helper_list_empty(head: *const ListHead) -> bool;
    fn rust_helper_refcount_set(r: *mut Refcount, n: c_int);
    fn rust_helper_refcount_read(r: *const Refcount) -> c_uint;
    fn rust_helper_refcount_inc(r: *mut Refcount);
    fn rust_helper_refcount_dec_and_test(r: *mut Refcount) -> bool;
    fn rust_helper_min(a: c_long, b: c_long) -> c_long;
    fn rust_helper_max(a: c_long, b: c_long) -> c_long;
    fn rust_helper_bswap32(x: u32) -> u32;
    fn rust_helper_noinline_checksum(data: *const u8, len: usize) -> u32;
}

/// Error pointers: returns (how many were errors, sum of their errnos).
fn error_pointers(local: &u64) -> (u32, c_long) {
    let (mut errors, mut sum) = (0, 0);
    for errno in [0, -2, -12, -4095, -4096, 1] {
        let p = unsafe { rust_helper_ERR_PTR(errno) };
        if unsafe { rust_helper_IS_ERR(p) } {
            errors += 1;
            sum += unsafe { rust_helper_PTR_ERR(p) };
        }
    }
    let real = (local as *const u64).cast::<c_void>();
    assert!(!unsafe { rust_helper_IS_ERR(real) });
    (errors, sum)
}

/// Bit operations on a 128-bit bitmap: returns the words and the bit count.
fn bitmap() -> ([c_ulong; 2], u32) {
    let mut map: [c_ulong; 2] = [0; 2];
    let m = map.as_mut_ptr();
    for i in 0..40u64 {
        let nr = (i * 37) % 128;
        unsafe {
            if i % 2 == 0 { rust_helper___set_bit(nr, m) } else { rust_helper_set_bit(nr, m) }
        }
    }
    for nr in (0..128u64).step_by(6) {
        unsafe {
            if nr % 4 == 0 { rust_helper_clear_bit(nr, m) } else { rust_helper___clear_bit(nr, m) }
        }
    }
    let count = (0..128u64).filter(|&nr| unsafe { rust_helper_test_bit(nr, m) }).count();
    (map, count as u32)
}

/// Recovers the node that embeds a list link (`container_of`).
unsafe fn node_of(link: *mut ListHead) -> *mut Node {
    unsafe { link.byte_sub(offset_of!(Node, link)).cast::<Node>() }
}

/// Walks the list from head, returning the node ids in order.
unsafe fn walk(head: *mut ListHead) -> Vec<u32> {
    let mut ids = Vec::new();
    let mut pos = unsafe { (*head).next };
    while pos != head {
        unsafe {
            ids.push((*node_of(pos)).id);
            pos = (*pos).next;
        }
    }
    ids
}

fn main_inner() {
    let local = 7u64;
    let (errors, sum) = error_pointers(&local);
    println!("err_ptr: {errors} of 6 values are errors, errno sum {sum}");

    let (map, count) = bitmap();
    println!("bitmap: {:016x} {:016x}, {count} bits set", map[1], map[0]);

    let unlinked = || ListHead { next: null_mut(), prev: null_mut() };
    let mut head = unlinked();
    let mut nodes: Vec<Node> =
        (1..=5).map(|id| Node { id, refs: Refcount { refs: 0 }, link: unlinked() }).collect();
    let h = addr_of_mut!(head);
    let base = nodes.as_mut_ptr();
    let empty_before;
    unsafe {
        rust_helper_INIT_LIST_HEAD(h);
        empty_before = rust_helper_list_empty(h);
        for i in 0..nodes.len() {
            let n = base.add(i);
            rust_helper_refcount_set(addr_of_mut!((*n).refs), 1);
            if i % 2 == 0 {
                rust_helper_list_add_tail(addr_of_mut!((*n).link), h)
            } else {
                rust_helper_list_add(addr_of_mut!((*n).link), h)
            }
        }
    }
    let order = unsafe { walk(h) };
    println!("list: empty={empty_before} then order {order:?}");

    // Node k gets k extra references, then every node is put until it dies.
    let mut puts = Vec::new();
    unsafe {
        for i in 0..nodes.len() {
            let r = addr_of_mut!((*base.add(i)).refs);
            for _ in 0..i {
                rust_helper_refcount_inc(r);
            }
        }
        let mut pos = (*h).next;
        while pos != h {
            let n = node_of(pos);
            let next = (*pos).next;
            let r = addr_of_mut!((*n).refs);
            let held = rust_helper_refcount_read(r);
            let mut n_puts = 0;
            while !rust_helper_refcount_dec_and_test(r) {
                n_puts += 1;
            }
            puts.push((held, n_puts + 1));
            rust_helper_list_del(addr_of_mut!((*n).link));
            pos = next;
        }
    }
    let empty_after = unsafe { rust_helper_list_empty(h) };
    println!("refcount: (held, puts) {puts:?}, list empty={empty_after}");

    let vals: [c_long; 6] = [42, -7, 1000, 3, -250, 77];
    let (mut lo, mut hi) = (c_long::MAX, c_long::MIN);
    for &v in &vals {
        lo = unsafe { rust_helper_min(lo, v) };
        hi = unsafe { rust_helper_max(hi, v) };
    }
    let swapped: Vec<u32> =
        order.iter().map(|&id| unsafe { rust_helper_bswap32(id * 0x0101_0203) }).collect();
    println!("min {lo} max {hi}, bswap32 {swapped:08x?}");

    let mut bytes = Vec::new();
    for w in swapped.iter().chain([map[0] as u32, map[1] as u32, sum as u32].iter()) {
        bytes.extend_from_slice(&w.to_le_bytes());
    }
    let ck = unsafe { rust_helper_noinline_checksum(bytes.as_ptr(), bytes.len()) };
    println!("checksum {ck:04x} over {} bytes", bytes.len());
}

/// The C entry point (this crate is a staticlib, not a Rust binary).
#[unsafe(no_mangle)]
pub extern "C" fn main() -> c_int {
    main_inner();
    0
}
