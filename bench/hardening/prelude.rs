//! The lang items every `#![no_core]` caller in this directory needs with
//! rustc 1.96 (the `Sized` hierarchy and `Copy`).  Each caller crate pulls
//! it in with `mod prelude;`.

#[lang = "pointee_sized"]
pub trait PointeeSized {}
#[lang = "meta_sized"]
pub trait MetaSized: PointeeSized {}
#[lang = "sized"]
pub trait Sized: MetaSized {}
#[lang = "copy"]
pub trait Copy {}

impl Copy for i32 {}
impl Copy for i64 {}
impl Copy for u8 {}
impl Copy for u16 {}
impl Copy for usize {}
impl<T: PointeeSized> Copy for *mut T {}
impl<T: PointeeSized> Copy for *const T {}
