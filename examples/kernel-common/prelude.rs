//! The lang items every `#![no_core]` caller of this project needs with
//! rustc 1.96 (the `Sized` hierarchy and `Copy`) or 1.85, for the kernel examples
//! and bench/hardening.  Callers pull it in with
//! `#[path = ".../kernel-common/prelude.rs"] mod prelude;` and
//! `use prelude::*;` where they name a trait.

#[cfg(not(rih_no_sized_hierarchy))]
#[lang = "pointee_sized"]
pub trait PointeeSized {}
#[cfg(not(rih_no_sized_hierarchy))]
#[lang = "meta_sized"]
pub trait MetaSized: PointeeSized {}
#[cfg(not(rih_no_sized_hierarchy))]
#[lang = "sized"]
pub trait Sized: MetaSized {}
// rustc before 1.89 (rustc 1.85 of the LLVM 19 build) has no Sized
// hierarchy: `Sized` is the root, and `?Sized` plays PointeeSized's part
// (scripts/lib/rustc_compat.py passes --cfg rih_no_sized_hierarchy).
#[cfg(rih_no_sized_hierarchy)]
#[lang = "sized"]
pub trait Sized {}
#[cfg(rih_no_sized_hierarchy)]
pub trait PointeeSized {}
#[cfg(rih_no_sized_hierarchy)]
impl<T: ?Sized> PointeeSized for T {}
#[lang = "copy"]
pub trait Copy {}

impl Copy for bool {}
impl Copy for u8 {}
impl Copy for u16 {}
impl Copy for i32 {}
impl Copy for i64 {}
impl Copy for u64 {}
impl Copy for usize {}
impl<T: PointeeSized> Copy for *mut T {}
impl<T: PointeeSized> Copy for *const T {}
