//! The lang items every `#![no_core]` caller of this project needs with
//! rustc 1.96 (the `Sized` hierarchy and `Copy`), for the kernel examples
//! and bench/hardening.  Callers pull it in with
//! `#[path = ".../kernel-common/prelude.rs"] mod prelude;` and
//! `use prelude::*;` where they name a trait.

#[lang = "pointee_sized"]
pub trait PointeeSized {}
#[lang = "meta_sized"]
pub trait MetaSized: PointeeSized {}
#[lang = "sized"]
pub trait Sized: MetaSized {}
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
