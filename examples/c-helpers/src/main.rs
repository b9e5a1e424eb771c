//! Prints what the crate's C helpers return:
//!
//!   rih-c-helpers    "version N" and "fletcher32 X" of a fixed text

fn main() {
    println!("version {}", rih_c_helpers::rih_helpers_version());
    println!("fletcher32 {:08x}", rih_c_helpers::rih_checksum(b"abcde"));
}
