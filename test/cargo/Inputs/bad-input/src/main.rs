mod ffi {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

fn main() {
    println!("{}", unsafe { ffi::bad_add(2, 3) });
}
